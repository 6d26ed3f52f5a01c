package callctx

import "context"

type noRedirectKey struct{}

// WithoutRedirects marks the call made with ctx as one whose redirect answer
// (3xx) is the result: the client must not follow it. NGP's upload answers
// 303 with the address of the validation report, and following it would
// either re-send the file (307/308) or read the report before it exists.
func WithoutRedirects(ctx context.Context) context.Context {
	return context.WithValue(ctx, noRedirectKey{}, true)
}

// NoRedirects reports whether ctx carries the WithoutRedirects mark.
func NoRedirects(ctx context.Context) bool {
	v, _ := ctx.Value(noRedirectKey{}).(bool)
	return v
}
