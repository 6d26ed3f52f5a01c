// Package casefile works with the cases (ärenden) Lantmäteriet raises for a
// municipality: a property formation (fastighetsbildningsärende) that moved
// the property boundaries buildings and addresses lie on, a maintenance case
// (ajourhållningsärende), or a quality case (kvalitetsärende). The
// municipality acknowledges a case (kvittens Mottagen: it is now Pågående),
// updates the objects concerned with packages building and address, and
// reports it handled with the objects it changed (kvittens Hanterad: it is
// Avslutad).
//
//	cc := casefile.New(c)
//	for k, err := range cc.List(ctx, &casefile.ListOptions{Municipality: "2180", Status: casefile.StatusReceived}) {
//		if err != nil {
//			return err
//		}
//		if _, err := cc.Acknowledge(ctx, k.ID, casefile.Acknowledgement{Comment: "Vi tittar på det"}); err != nil {
//			return err
//		}
//	}
//
// Wait polls one case until a condition holds, with exponential backoff and
// jitter, for callers that must not go on before Lantmäteriet has moved a
// case along.
//
// The case service is part of the modelled update binding (see the README):
// its wire format is not public, and lives in internal/wire/update1. The
// package is called casefile because case is a Go keyword.
package casefile
