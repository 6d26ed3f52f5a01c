package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name checks a name as Lantmäteriet stores it (fastställt namn, populärnamn,
// byggnadsnamn …): its first letter is upper case, and it has no surrounding
// or control whitespace, which would make two spellings of one name. A name
// that starts with a digit ("1:a Långgatan") has no first letter to check.
// Empty passes: whether a name is required is the caller's business.
func Name(s string) error {
	if s == "" {
		return nil
	}
	if strings.TrimSpace(s) != s {
		return violation(Format, "name %q must not start or end with spaces", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return violation(Format, "name %q must not contain control characters", s)
		}
	}
	first, size := utf8.DecodeRuneInString(s)
	if unicode.IsLower(first) {
		return violation(Format, "name %q must start with an upper-case letter (%q)", s, string(unicode.ToUpper(first))+s[size:])
	}
	return nil
}
