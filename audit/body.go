package audit

import (
	"regexp"
	"strings"
)

// freeTextFields are the elements of BAL and NGP documents whose text is
// written by people and so may name people. MaskBody masks their whole
// text, since a name has no shape to look for.
var freeTextFields = []string{
	"kommentar", "anmarkningstext", "anlaggningstext", "beskrivning",
	"inmatare", "handlaggare", "kontaktperson",
}

// freeTextXML and freeTextJSON find a free-text field's content in an XML
// document (any namespace prefix, any attributes) and in a JSON one. They
// are regular expressions rather than parsers because MaskBody serves log
// lines, which hold the start of a body that may be cut off anywhere.
var (
	freeTextXML = regexp.MustCompile(`(<(?:[A-Za-z_][\w.-]*:)?(?:` + strings.Join(freeTextFields, "|") +
		`)(?:\s[^>]*)?>)([^<]*)`)
	freeTextJSON = regexp.MustCompile(`("(?:` + strings.Join(freeTextFields, "|") +
		`)"\s*:\s*")((?:[^"\\]|\\.)*)`)
)

// MaskBody returns a copy of an XML or JSON request or response body, or
// the start of one, fit for a log line: the text of every free-text element
// (in XML) or string member (in JSON) is replaced by Masked, and every
// personal identity number anywhere by the rules of MaskIdentityNumbers.
// The free-text fields are those written by people, which may name people:
// kommentar (deficiency and case actions), anmarkningstext (a building's
// remark), anlaggningstext, beskrivning (a deficiency's description), and
// the surveyor (inmatare) and official (handlaggare, kontaktperson) fields
// some case systems add. Names of buildings, streets and places are public
// register data and are left alone. It never fails; what it does not recognise it leaves
// as it is, identity numbers apart.
func MaskBody(body []byte) []byte {
	s := string(body)
	s = freeTextXML.ReplaceAllStringFunc(s, func(m string) string {
		sub := freeTextXML.FindStringSubmatchIndex(m)
		if sub[4] == sub[5] {
			return m // empty element: nothing to hide
		}
		return m[:sub[3]] + Masked
	})
	s = freeTextJSON.ReplaceAllStringFunc(s, func(m string) string {
		sub := freeTextJSON.FindStringSubmatchIndex(m)
		if sub[4] == sub[5] {
			return m
		}
		return m[:sub[3]] + Masked
	})
	return []byte(MaskIdentityNumbers(s))
}
