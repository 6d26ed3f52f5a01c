package audit

import "github.com/tjanstebaserad/bal-go/internal/personal"

// Masked replaces a personal identity number (personnummer or
// samordningsnummer) or a free-text field in what the package stores or
// returns for logging. It is the same mask the SDK's log redaction uses.
const Masked = personal.Masked

// MaskIdentityNumbers returns s with every Swedish personal identity number
// (personnummer or samordningsnummer) replaced by Masked.
//
// The shapes are those the SDK's log redaction recognises (bal.Redact
// applies the same rules): YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDD-NNNN and the
// same without the separator or with a space before the last four, with a
// plausible date (month 01–12, day 01–31, or 61–91 for a
// samordningsnummer; a 12-digit form starts with 18, 19 or 20), standing
// alone (no letter or digit next to it) and not the tail of a UUID. A
// number written without "-" or "+" is masked only when its check digit
// passes the Luhn test: that keeps telephone numbers, order numbers and
// other digit runs of the same length readable, while anything written the
// way a personnummer is written is masked whether or not its check digit is
// right, since a mistyped personnummer still points at a person.
func MaskIdentityNumbers(s string) string { return personal.MaskIdentityNumbers(s) }

// ContainsIdentityNumber reports whether s holds a personal identity number
// by the rules of MaskIdentityNumbers.
func ContainsIdentityNumber(s string) bool { return personal.ContainsIdentityNumber(s) }
