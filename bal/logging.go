package bal

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/personal"
)

// logger is the SDK's internal logging: a no-op when the caller gave no
// Logger, and masked whatever the caller's handler does.
type logger struct{ l *slog.Logger }

func newLogger(l *slog.Logger, redact func(string) string) logger {
	if l == nil {
		return logger{}
	}
	return logger{slog.New(&redactingHandler{next: l.Handler(), redact: redact})}
}

func (l logger) enabled(level slog.Level) bool {
	return l.l != nil && l.l.Enabled(context.Background(), level)
}

func (l logger) debug(msg string, args ...any) {
	if l.l != nil {
		l.l.Debug(msg, args...)
	}
}

func (l logger) warn(msg string, args ...any) {
	if l.l != nil {
		l.l.Warn(msg, args...)
	}
}

// redactingHandler masks the message and every string attribute before the
// caller's handler sees them, so that no code path in the SDK can log a
// secret or personal identity number by mistake.
type redactingHandler struct {
	next   slog.Handler
	redact func(string) string
}

func (h *redactingHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

func (h *redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.redact(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *redactingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	masked := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		masked[i] = h.attr(a)
	}
	return &redactingHandler{next: h.next.WithAttrs(masked), redact: h.redact}
}

func (h *redactingHandler) WithGroup(name string) slog.Handler {
	return &redactingHandler{next: h.next.WithGroup(name), redact: h.redact}
}

func (h *redactingHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.redact(v.String()))
	case slog.KindGroup:
		g := v.Group()
		masked := make([]any, len(g))
		for i, x := range g {
			masked[i] = h.attr(x)
		}
		return slog.Group(a.Key, masked...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, h.redact(err.Error()))
		}
		return slog.String(a.Key, h.redact(v.String()))
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// maxLoggedBody is how much of a body LogBodies shows.
const maxLoggedBody = 2 << 10

// wireLogger logs one line per HTTP attempt. Headers are not logged at all
// (the Authorization header is the one that matters, and an allow-list of
// the harmless ones is not worth the risk); the path and query are masked
// like everything else.
type wireLogger struct {
	next    http.RoundTripper
	log     logger
	bodies  bool
	secrets *secrets
}

func (w *wireLogger) RoundTrip(req *http.Request) (*http.Response, error) {
	if !w.log.enabled(slog.LevelDebug) {
		return w.next.RoundTrip(req)
	}
	attrs := []any{
		"method", req.Method,
		"url", req.URL.Redacted(),
		"request_id", req.Header.Get("X-Request-ID"),
	}
	if info := callctx.From(req.Context()); info != nil {
		attrs = append(attrs, "operation", info.Operation, "attempt", info.Attempts())
	}
	if w.bodies && req.GetBody != nil {
		if b, err := req.GetBody(); err == nil {
			head, _ := io.ReadAll(io.LimitReader(b, int64(w.peekLen())))
			attrs = append(attrs, "request_body", w.logBody(head))
			b.Close()
		}
	}
	start := time.Now()
	resp, err := w.next.RoundTrip(req)
	attrs = append(attrs, "duration", time.Since(start).Round(time.Microsecond).String())
	if err != nil {
		w.log.debug("bal: http attempt failed", append(attrs, "error", err.Error())...)
		return nil, err
	}
	attrs = append(attrs, "status", resp.StatusCode, "content_type", resp.Header.Get("Content-Type"))
	if n := resp.ContentLength; n >= 0 {
		attrs = append(attrs, "content_length", strconv.FormatInt(n, 10))
	}
	if w.bodies {
		// Read a prefix and put it back in front of the rest of the body.
		// The prefix is longer than what is logged: masking comes before
		// the cut (clip), so it must see a secret at the cut whole.
		buf := make([]byte, w.peekLen())
		n, _ := io.ReadFull(resp.Body, buf)
		attrs = append(attrs, "response_body", w.logBody(buf[:n]))
		resp.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(buf[:n]), resp.Body), resp.Body}
	}
	w.log.debug("bal: http", attrs...)
	return resp, nil
}

// peekLen is how much of a body the wire logger reads to log
// maxLoggedBody of it: enough past the cut for clip.
func (w *wireLogger) peekLen() int { return maxLoggedBody + w.secrets.margin() + 1 }

// logBody is the start of a body for a log line: its free-text fields
// masked (see personal.MaskBody: they may name people), then secrets and
// identity numbers, all before it is cut to maxLoggedBody.
func (w *wireLogger) logBody(b []byte) string {
	return w.secrets.clip(string(personal.MaskBody(b)), maxLoggedBody)
}
