package callctx

import "context"

type serviceKey struct{}

// WithService returns ctx marking its calls as calls to the service group
// name (bal.Service): the auth layer picks that group's credential and sends
// it only to that group's hosts.
func WithService(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, serviceKey{}, name)
}

// Service returns the service group set with WithService, or "".
func Service(ctx context.Context) string {
	s, _ := ctx.Value(serviceKey{}).(string)
	return s
}
