package personal

import (
	"regexp"
	"strings"
)

// FreeTextFields are the elements of BAL and NGP documents whose text is
// written by people and so may name people: kommentar (deficiency and case
// actions), anmarkningstext (a building's or address point's remark),
// anlaggningstext (an addressed facility's text), beskrivning (a
// deficiency's or case's description), and the surveyor (inmatare) and
// official (handlaggare, kontaktperson) fields some case systems add.
// Names of buildings, streets and places are public register data and are
// not among them.
var FreeTextFields = []string{
	"kommentar", "anmarkningstext", "anlaggningstext", "beskrivning",
	"inmatare", "handlaggare", "kontaktperson",
}

// freeTextXML and freeTextJSON find a free-text field's content in an XML
// document (any namespace prefix, any attributes) and in a JSON one. They
// are regular expressions rather than parsers because MaskBody serves log
// lines, which hold the start of a body that may be cut off anywhere.
var (
	freeTextXML = regexp.MustCompile(`(<(?:[A-Za-z_][\w.-]*:)?(?:` + strings.Join(FreeTextFields, "|") +
		`)(?:\s[^>]*)?>)([^<]*)`)
	freeTextJSON = regexp.MustCompile(`("(?:` + strings.Join(FreeTextFields, "|") +
		`)"\s*:\s*")((?:[^"\\]|\\.)*)`)
)

// MaskBody returns a copy of an XML or JSON request or response body, or
// the start of one, fit for a log line: the text of every free-text element
// (in XML) or string member (in JSON) of FreeTextFields is replaced by
// Masked, and every personal identity number anywhere by the rules of
// MaskIdentityNumbers. It never fails; what it does not recognise it leaves
// as it is, identity numbers apart.
func MaskBody(body []byte) []byte {
	s := string(body)
	s = maskAll(freeTextXML, s)
	s = maskAll(freeTextJSON, s)
	return []byte(MaskIdentityNumbers(s))
}

// maskAll replaces the second group of every match of re with Masked,
// leaving empty content alone (nothing to hide).
func maskAll(re *regexp.Regexp, s string) string {
	return re.ReplaceAllStringFunc(s, func(m string) string {
		sub := re.FindStringSubmatchIndex(m)
		if sub[4] == sub[5] {
			return m
		}
		return m[:sub[3]] + Masked
	})
}
