package baltest

import (
	"errors"
	"net/http"
	"strconv"
)

// errCut is what a handler's writes return once FaultCut closed the
// connection.
var errCut = errors.New("baltest: connection cut by an injected fault")

// cut serves the request through a writer that closes the connection at
// the rule's offset of a 2xx answer's body. It reports 0 when it cut.
func (in *injected) cut(w http.ResponseWriter, r *http.Request, serve func(http.ResponseWriter, *http.Request) int, record func(status int)) int {
	cw := &cutWriter{ResponseWriter: w, at: in.At, record: record}
	if in.RandomAt {
		cw.draw = func(n int64) int64 {
			in.mu.Lock()
			defer in.mu.Unlock()
			return in.rng.Int64N(n)
		}
	}
	status := serve(cw, r)
	if cw.cut {
		return 0
	}
	return status
}

// cutWriter passes an answer through until its body reaches at bytes,
// then flushes what it passed and closes the connection: the client gets
// the headers (with the full Content-Length) and exactly at bytes.
type cutWriter struct {
	http.ResponseWriter
	at      int64
	draw    func(n int64) int64
	record  func(status int)
	status  int
	armed   bool
	written int64
	cut     bool
}

func (c *cutWriter) WriteHeader(status int) {
	if c.status != 0 {
		return
	}
	c.status = status
	if status >= 200 && status <= 299 {
		c.armed = true
		if c.draw != nil {
			n, err := strconv.ParseInt(c.Header().Get("Content-Length"), 10, 64)
			if err != nil || n <= 0 {
				c.armed = false
			} else {
				c.at = c.draw(n)
			}
		}
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c *cutWriter) Write(p []byte) (int, error) {
	if c.status == 0 {
		c.WriteHeader(http.StatusOK)
	}
	if c.cut {
		return 0, errCut
	}
	if !c.armed || c.written+int64(len(p)) <= c.at {
		n, err := c.ResponseWriter.Write(p)
		c.written += int64(n)
		return n, err
	}
	n, _ := c.ResponseWriter.Write(p[:c.at-c.written])
	c.written += int64(n)
	c.cutNow()
	return n, errCut
}

// cutNow sends what was written and closes the connection.
func (c *cutWriter) cutNow() {
	c.cut = true
	rc := http.NewResponseController(c.ResponseWriter)
	_ = rc.Flush()
	c.record(0)
	conn, _, err := rc.Hijack()
	if err != nil {
		// Not hijackable (HTTP/2): abort the stream instead.
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// Unwrap lets http.ResponseController reach the connection.
func (c *cutWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }
