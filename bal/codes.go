package bal

import "github.com/tjanstebaserad/bal-go/internal/codelist"

// Codes returns the values of code list T (a värdelista: Status,
// building.Category, address.PointType …) in Lantmäteriet's order, spelled as
// Lantmäteriet writes them, or nil when T is not a code list. For the lists
// Lantmäteriet has not published (building.EvaluationMethod …) it returns
// the values the SDK knows.
//
// Every code-list type reads any case and the ASCII-folded spellings of the
// JSON services with UnmarshalText ("gällande", "GALLANDE" and "Gällande"
// are StatusValid), keeps a value it does not know as it came, and writes
// Lantmäteriet's spelling with MarshalText; Validate refuses an unknown or
// misspelled value before a write.
func Codes[T ~string]() []T {
	if l := codelist.Of[T](); l != nil {
		return l.Values()
	}
	return nil
}
