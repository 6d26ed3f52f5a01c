// Package fieldpath builds the field paths that name a problem in a
// *bal.ValidationError: Go field names with indexes, such as
// "Parts[1].Surface" or "Credentials.Scopes[0]". It imports nothing of the
// module, so that bal and the packages built on it share one spelling.
package fieldpath

import (
	"strconv"
	"strings"
)

// Join joins path segments: Join("Parts[1]", "Surface") is
// "Parts[1].Surface", Join("Parts", "[1]") is "Parts[1]", and an empty
// segment on either side is left out.
func Join(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	case strings.HasPrefix(path, "["):
		return prefix + path
	}
	return prefix + "." + path
}

// Index returns "name[i]".
func Index(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }
