// Package deficiency works through the deficiencies (brister) Lantmäteriet
// finds in a municipality's BAL data: a building without an address, an
// address point outside its property, an apartment without an entrance, a
// missing geometry. Lantmäteriet's quality checks raise them; the
// municipality fixes the data (with packages building and address) and marks
// the deficiency handled (åtgärdad), or rejects it (avvisad) with a reason.
//
//	dc := deficiency.New(c)
//	for d, err := range dc.List(ctx, &deficiency.ListOptions{Municipality: "2180", Status: deficiency.StatusOpen}) {
//		if err != nil {
//			return err
//		}
//		// … fix d.Object, then:
//		if _, err := dc.MarkHandled(ctx, d.ID, "Adress tillagd"); err != nil {
//			return err
//		}
//	}
//
// The deficiency service is part of the modelled update binding (see the
// README): its wire format is not public, and lives in internal/wire/update1.
package deficiency
