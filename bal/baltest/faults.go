package baltest

import (
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/tjanstebaserad/bal-go/internal/wire/fault"
)

// Fault codes of the modelled update binding (shared/spec/update-binding.md)
// and the server's own rule ids. Lantmäteriet publishes rule ids for a few
// rules only (BAL-3015, B-0035, B-0084); the BAL-2xxx ids below are the
// fake's names for the rules it enforces that have no public id. They are
// modelled, like the binding, and listed in the package documentation.
const (
	// CodeBadRequest: the request is not a valid document of the binding.
	CodeBadRequest = "BAL-0400"
	// CodeNotFound: no object with that identity.
	CodeNotFound = "BAL-0404"
	// CodeConflict: stale objektversion (detail aktuellObjektversion=N) or
	// an objektidentitet that already exists.
	CodeConflict = "BAL-0409"
	// CodeIdempotencyMismatch: an Idempotency-Key reused with another body.
	CodeIdempotencyMismatch = "BAL-0409-IDEM"
	// CodeFeedGap: the change-feed checkpoint is older than the feed keeps.
	CodeFeedGap = "BAL-0410-GAP"
	// CodeDesignationUnique: the adressplatsbeteckning is already used in its
	// adressområde or gårdsadressområde (regler.htm; no public id).
	CodeDesignationUnique = "BAL-2001"
	// CodeApartmentUnique: the lägenhetsnummer is already used within the
	// entrance, or within another entrance with the same address.
	CodeApartmentUnique = "BAL-2002"
	// CodeReference: a referenced object or registerenhet does not exist or
	// is retired.
	CodeReference = "BAL-2003"
	// CodeActionType: the åtgärdstyp does not belong to the object type.
	CodeActionType = "BAL-2004"
	// CodeCourtyardNameUnique: the gårdsadressområde's name is already used
	// within its byadressområde (termkatalog; no public id).
	CodeCourtyardNameUnique = "BAL-2005"
	// CodeHandled: a deficiency or case that is already closed cannot be
	// handled again.
	CodeHandled = "BAL-2006"
)

// The gateway's (WSO2 API Manager) fault codes.
const (
	gatewayInvalidCredentials = "900901"
	gatewayMissingCredentials = "900902"
	gatewayForbidden          = "900910"
	gatewayThrottled          = "900800"
	gatewayUnavailable        = "101503"
)

// apiError is a fault the server answers with.
type apiError struct {
	status  int
	code    string
	message string
	details []string
	gateway bool
	// retryAfter, when set, is sent as Retry-After.
	retryAfter string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

func errf(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

func (e *apiError) with(details ...string) *apiError {
	e.details = append(e.details, details...)
	return e
}

// wantsJSON reports whether the client asked for JSON rather than XML.
func wantsJSON(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, _ := mime.ParseMediaType(strings.TrimSpace(part))
		switch {
		case mt == "application/json" || strings.HasSuffix(mt, "+json"):
			return true
		case mt == "application/xml" || mt == "text/xml" || strings.HasSuffix(mt, "+xml"):
			return false
		}
	}
	return false
}

// writeFault answers with e in the format the client asked for, as the
// binding's Faults section says: a service fault as Lantmäteriet's fault v1
// ({"code","reason","errors"} in JSON, lmfault:Fault with repeated
// lmfault:errors in XML), its rule id leading the first message; a gateway
// fault as the gateway's flat JSON with a string code (or its XML
// ams:fault when only XML was asked for).
func writeFault(w http.ResponseWriter, r *http.Request, e *apiError) {
	if e.retryAfter != "" {
		w.Header().Set("Retry-After", e.retryAfter)
	}
	ct, body := encodeFault(r, e)
	w.Header().Set("Content-Type", ct+"; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(e.status)
	_, _ = w.Write(body)
}

// encodeFault writes e's body and content type for request r.
func encodeFault(r *http.Request, e *apiError) (contentType string, body []byte) {
	f := fault.Fault{Source: fault.Service, Status: e.status, Code: e.code, Message: e.message, Details: e.details}
	if e.gateway {
		f.Source = fault.Gateway
		if !wantsJSON(r) && strings.Contains(r.Header.Get("Accept"), "xml") {
			return fault.EncodeXML(f)
		}
		return fault.EncodeJSON(f)
	}
	if wantsJSON(r) {
		return fault.EncodeJSON(f)
	}
	return fault.EncodeXML(f)
}

// gatewayFault builds a gateway fault for status.
func gatewayFault(status int, code, message, description string) *apiError {
	e := &apiError{status: status, code: code, message: message, gateway: true}
	if description != "" {
		e.details = []string{description}
	}
	return e
}
