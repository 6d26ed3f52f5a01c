package check_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
)

func TestStatusChange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		from, to bal.Status
		refused  bool
	}{
		{bal.StatusPlanned, bal.StatusValid, false},
		{bal.StatusValid, bal.StatusRetired, false},
		{bal.StatusValidUnderInvestigation, bal.StatusPlanned, false},
		{bal.StatusRetired, bal.StatusRetired, false},
		{bal.StatusRetired, "", false},
		{bal.StatusRetired, bal.StatusValid, true},
		{bal.StatusRetired, bal.StatusPlanned, true},
		{bal.StatusRetired, bal.StatusValidUnderInvestigation, true},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+"→"+string(tt.to), func(t *testing.T) {
			t.Parallel()
			err := check.StatusChange(tt.from, tt.to)
			if !tt.refused {
				assert.NoError(t, err)
				return
			}
			var ve *bal.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.ErrorIs(t, err, bal.ErrValidation)
			assert.True(t, ve.Has("Status", "BAL-3015"), "%v", err)
		})
	}
}
