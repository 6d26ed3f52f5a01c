package check_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
)

func TestProblems(t *testing.T) {
	t.Parallel()
	v := check.New("address.Point")
	assert.NoError(t, v.Err(), "no problem, no error")
	v.Add("Designation.Number", bal.RuleRange, "must be 1–9999")
	v.AddTo("Parts[1]", []bal.Problem{{Path: "Surface", Rule: bal.RuleGeometry, Message: "ring not closed"}, {Path: "[0]", Message: "x"}})
	v.Merge("Owner", bal.RuleFormat, errors.New("ägare 19121212-1212 saknas"))
	v.Merge("Nested", "", &bal.ValidationError{Problems: []bal.Problem{{Path: "A", Rule: "r", Message: "m"}}})
	v.Merge("Nil", "", nil)
	v.Addf("Count", bal.RuleRange, "%d is too many", 12)
	err := v.Err()
	var ve *bal.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.ErrorIs(t, err, bal.ErrValidation)
	assert.Equal(t, "address.Point", ve.Object)
	assert.Equal(t, []bal.Problem{
		{Path: "Designation.Number", Rule: bal.RuleRange, Message: "must be 1–9999"},
		{Path: "Parts[1].Surface", Rule: bal.RuleGeometry, Message: "ring not closed"},
		{Path: "Parts[1][0]", Message: "x"},
		{Path: "Owner", Rule: bal.RuleFormat, Message: "ägare 19121212-1212 saknas"},
		{Path: "Nested.A", Rule: "r", Message: "m"},
		{Path: "Count", Rule: bal.RuleRange, Message: "12 is too many"},
	}, ve.Problems)
	assert.Equal(t, "bal: invalid address.Point: 6 problems: Designation.Number: must be 1–9999 (range); Parts[1].Surface: ring not closed (geometry); Parts[1][0]: x; Owner: ägare [masked] saknas (format); Nested.A: m (r); Count: 12 is too many (range)", err.Error())
}
