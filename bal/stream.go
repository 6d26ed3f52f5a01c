package bal

import (
	"io"
	"net/http"
)

// Stream sends req through the client's stack like Do, but hands a 2xx
// answer over unread, for downloads: the caller reads resp.Body and must
// close it. The response-size cap does not apply to that body, and the
// client's timeout bounds the wait for the headers and then each pause in
// the body, not the whole transfer. Every other answer is read (up to the
// size cap) and returned as *Error, *ConflictError or *RateLimitError, as
// Do returns it. Redirects are followed as for every other call.
func (c *Client) Stream(req *http.Request) (*http.Response, error) {
	req, info := c.mark(req, true)
	resp, err := c.roundTrip(req, info)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return resp, nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, c.maxBody))
	fail := func(e *Error) *Error {
		e.Operation, e.Method, e.Path = info.Operation, req.Method, req.URL.Path
		e.StatusCode, e.RequestID = resp.StatusCode, c.responseRequestID(resp.Header, req.Header.Get("X-Request-ID"))
		e.Attempts = max(info.Attempts(), 1)
		e.Body = []byte(c.clipBytes(body, maxErrorBody))
		return c.scrub(e)
	}
	return nil, c.faultError(resp, body, info, fail)
}
