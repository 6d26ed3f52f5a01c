// Package bal is the shared client of bal-go, a Go SDK for Lantmäteriet's
// service-based updating (tjänstebaserad uppdatering) of BAL: buildings,
// addresses and apartments, with their deficiencies and cases.
//
// A Client holds what every call needs: the environment (Verification or
// Production), the OAuth2 token (fetched once, shared, renewed before it
// expires, replaced when refused), the retry policy (only calls that are
// safe to resend, with backoff and a capped Retry-After), masked logging, and
// the typed errors. The information-type packages (building, address,
// property, deficiency, casefile) are thin clients on top of it:
//
//	c, err := bal.NewClient(bal.Config{
//		Environment: bal.Verification,
//		Credentials: bal.ClientCredentials{ID: key, Secret: secret},
//		AppID:       "MyProduct/3.1 (kommun 0180)",
//	})
//	buildings := building.New(c)
//
// Lantmäteriet issues keys per product group and, for the national geodata
// platform, per dataset: Config.ServiceCredentials gives a service group
// (ServiceDirekt, ServiceUpdate, ServiceGeotorget, ServiceNGP,
// NGPDataset(name)) a credential of its own (ClientCredentials, BasicAuth,
// APIKey or TokenSource), falling back to Config.Credentials. A credential
// goes only to its service's hosts; a call or redirect anywhere else carries
// none. Lantmäteriet revokes an application's previous token whenever it
// issues a new one, so processes that use one application share its token
// through Config.TokenStore (NewFileTokenStore on one host).
//
// Errors match the sentinels (ErrNotFound, ErrConflict, ErrUnauthorized,
// ErrForbidden, ErrRateLimited, ErrUnavailable, ErrValidation, ErrResync,
// ErrInvalidResponse) with errors.Is, and carry details in *Error,
// *ConflictError, *RateLimitError, *ValidationError and *AuthError, reached
// with errors.As. No error string, error field or log line contains a
// token, a secret or a Swedish personal identity number, whatever the server
// sent: everything is masked before it is cut.
//
// Beyond the typed clients, a Client offers what spans object types:
//
//   - Changes reads Lantmäteriet's change feed (förändringar) as an
//     iter.Seq2, each Change carrying the checkpoint to resume from; Follow
//     ties it to a CheckpointStore (FileCheckpointStore writes atomically),
//     saving a checkpoint only after your handler has applied the change.
//     A checkpoint older than the feed keeps is a *ResyncError.
//   - NewTransaction collects creates, changes and retirements of several
//     objects (a new building with its entrance, apartments and address
//     point) that Commit applies all or nothing.
//   - Do and HTTPClient send your own requests through the same token,
//     retry policy and error decoding, for services the SDK does not wrap.
//   - Config.Recorder is told of every write before it is sent (and the
//     write is not sent if it cannot be recorded) and after it is answered:
//     the hook of package audit's tamper-evident record (Recorder, Write,
//     RecordWrite).
//
// The update services, the change feed, deficiencies and cases follow a
// modelled contract (docs/update-binding.md), because Lantmäteriet has not
// published theirs; the read services follow Lantmäteriet's documentation.
//
// The package also holds the value types every information type shares:
// ObjectID, Version, Status, Meta, Action, Receipt, PropertyRef,
// MunicipalityCode, Checkpoint, Change, Hit and Query.
package bal
