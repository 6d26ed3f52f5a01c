package rules

import "github.com/tjanstebaserad/bal-go/internal/codelist"

// Code checks a code-list value before it is written: it must be one of the
// list's values, spelled exactly as Lantmäteriet writes it. An empty value
// passes (whether it is required is the caller's business). Values the
// server sent that the SDK does not know are kept on read, but writing one
// back would be refused by Lantmäteriet, so Code refuses it first; a value
// that is known but spelled differently ("takkant") is refused with the
// spelling to use, since writes are exact.
func Code[T ~string](list *codelist.List[T], v T) error {
	if v == "" || list.Known(v) {
		return nil
	}
	if c, ok := list.Lookup(string(v)); ok {
		return violation(CodeList, "%q must be written %q", string(v), string(c))
	}
	return violation(CodeList, "%q is not a value of the code list", string(v))
}
