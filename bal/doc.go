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
// Errors match the sentinels (ErrNotFound, ErrConflict, ErrUnauthorized,
// ErrForbidden, ErrRateLimited, ErrUnavailable, ErrValidation, ErrResync,
// ErrInvalidResponse) with errors.Is, and carry details in *Error,
// *ConflictError, *RateLimitError, *ValidationError and *AuthError, reached
// with errors.As. No error string or log line contains a token, a secret or a
// Swedish personal identity number.
//
// The package also holds the value types every information type shares:
// ObjectID, Version, Status, Meta, Action, Receipt, PropertyRef,
// MunicipalityCode, Checkpoint and Change.
package bal
