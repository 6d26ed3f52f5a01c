package rules

import "github.com/tjanstebaserad/bal-go/internal/codelist"

var keyRetired = codelist.Key("Avregistrerad")

// StatusChange checks rule BAL-3015 for a change of objektstatus from the
// stored value to a new one: a deregistered (avregistrerat) object may not
// change status. An empty to means the status is not being changed.
// Statuses match in any spelling ("Avregistrerad", "avregistrerad").
func StatusChange(from, to string) error {
	if to == "" || codelist.Key(from) != keyRetired || codelist.Key(to) == keyRetired {
		return nil
	}
	return violation(RetiredStatus, "a deregistered (avregistrerat) object may not change objektstatus to %q", to)
}
