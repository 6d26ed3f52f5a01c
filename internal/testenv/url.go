package testenv

import "net/url"

// withDatabase returns the PostgreSQL URL base with its database replaced.
func withDatabase(base, name string) string {
	u, err := url.Parse(base)
	if err != nil || u.Scheme == "" {
		return base + " dbname=" + name // key=value form
	}
	u.Path = "/" + name
	return u.String()
}
