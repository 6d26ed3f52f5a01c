// Package delivery fetches Lantmäteriet's file deliveries through Geotorget
// Nedladdning v1 ({host}/geotorget/nedladdning/v1/{OrderID}): the XML
// extracts a municipality synchronises from before it goes live, and falls
// back on when the change feed has a gap.
//
// An order (beställning) is identified by the OrderID shown per order line
// in Geotorget's "Mitt konto → Ärenden". On a subscription (abonnemang)
// Lantmäteriet builds deliveries (leveranser): a base extract (BAS) or a
// change extract (FORANDRING). Only the latest delivery can be read, and it
// stays available for 14 days.
//
//	dc := delivery.New(c)
//	d, err := dc.Start(ctx, orderID, delivery.TypeChange)
//	d, err = dc.Wait(ctx, orderID, nil)                    // PÅGÅENDE → LYCKAD
//	res, err := dc.Download(ctx, orderID, "leverans", nil) // res.Files, res.Resumes …
//
// Download lists the delivery's files recursively, fetches them with
// bounded parallelism into a folder (keeping the listing's sub-folders),
// resumes a broken transfer with an HTTP Range request into a ".part" file,
// checks each file's length against the listing and renames it into place
// only when it is complete. The listing's paths are signed and expire; a
// download that meets 403 or 404 on a path lists again and continues.
//
// Every call goes through the bal.Client's stack (token, retries, logging);
// downloads are streamed, not held in memory or size-capped like an answer.
//
// # What is documented and what is not
//
// The operations, the fields of an order, a delivery and a listing entry,
// the 404 before the first delivery, the recursive listing and the 14 days
// are Lantmäteriet's (shared/spec/lantmateriet-api.md §6 and corrections §6).
// Not public, and therefore the SDK's choices: what POST …/leverans answers
// (the SDK reads the latest delivery after it), the statuses MISSLYCKAD and
// MAKULERAD (treated as terminal, as a public client does), the form of the
// signed paths (treated as opaque), and whether file hosts honour Range
// (a server that ignores it restarts the file).
//
// # Authentication
//
// Geotorget Nedladdning takes OAuth2 client credentials through the API
// portal or HTTP Basic (the only option for private persons). Give the
// client its Geotorget credential as bal.ServiceCredentials[bal.ServiceGeotorget]
// (or as the default credential):
//
//	c, err := bal.NewClient(bal.Config{
//		Environment: bal.Production,
//		Credentials: bal.ClientCredentials{ID: id, Secret: secret},
//		ServiceCredentials: map[bal.Service]bal.Credential{
//			bal.ServiceGeotorget: bal.BasicAuth{Username: user, Password: password},
//		},
//	})
//
// The credential goes to the API host only (and, in Production, to
// Geotorget's older download host). A file host that a signed path redirects
// to gets no Authorization, ApiKey or cookie: its signed path is its
// credential.
package delivery
