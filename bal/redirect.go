package bal

import (
	"bytes"
	"net/http"

	"github.com/tjanstebaserad/bal-go/internal/callctx"
)

// A call marked with callctx.WithoutRedirects gets its 3xx answer back
// instead of having it followed: checkRedirect stops at it
// (http.ErrUseLastResponse) and Do treats it as the call's answer. The typed
// packages that need this (ngp's upload, whose 303 points at a report) set
// the mark; everything else keeps following redirects.

// stopAtRedirect reports whether the redirect about to be followed for req
// must be handed back to the caller instead.
func stopAtRedirect(req *http.Request) bool { return callctx.NoRedirects(req.Context()) }

// keptRedirect reports whether resp is a redirect the call asked to receive.
func keptRedirect(req *http.Request, status int) bool {
	return status >= 300 && status < 400 && callctx.NoRedirects(req.Context())
}

// hasContent reports whether an answer has a body to decode: a 204 never
// does, and a kept redirect may come without one.
func hasContent(status int, body []byte) bool {
	if status == http.StatusNoContent {
		return false
	}
	return !(status >= 300 && status < 400 && len(bytes.TrimSpace(body)) == 0)
}
