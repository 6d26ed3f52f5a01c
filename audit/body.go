package audit

import "github.com/tjanstebaserad/bal-go/internal/personal"

// MaskBody returns a copy of an XML or JSON request or response body, or
// the start of one, fit for a log line: the text of every free-text element
// (in XML) or string member (in JSON) is replaced by Masked, and every
// personal identity number anywhere by the rules of MaskIdentityNumbers.
// The free-text fields are those written by people, which may name people:
// kommentar (deficiency and case actions), anmarkningstext (a building's or
// address point's remark), anlaggningstext, beskrivning (a deficiency's
// description), and the surveyor (inmatare) and official (handlaggare,
// kontaktperson) fields some case systems add. Names of buildings, streets
// and places are public register data and are left alone. It never fails;
// what it does not recognise it leaves as it is, identity numbers apart.
//
// A bal.Client with LogBodies masks its logged bodies the same way.
func MaskBody(body []byte) []byte { return personal.MaskBody(body) }
