package baltest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tjanstebaserad/bal-go/bal"
)

// TestForbiddenFaults: the fake answers the two 403s that are not transient
// the way Lantmäteriet's platform does, and the SDK types them.
func TestForbiddenFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		rule   FaultRule
		is     error
		isNot  error
		source bal.Source
	}{
		{"product not ordered", FaultRule{Kind: FaultStatus, Status: http.StatusForbidden}, bal.ErrNotSubscribed, bal.ErrGeoBlocked, bal.SourceGateway},
		{"outside Sweden", FaultRule{Kind: FaultGeoBlock}, bal.ErrGeoBlocked, bal.ErrNotSubscribed, bal.SourceUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, WithoutData())
			tt.rule.Name, tt.rule.PathPrefix = tt.name, h.s.UpdatePath()+"/forandringar"
			h.s.Inject(tt.rule)
			_, err := h.do(http.MethodGet, "/forandringar", nil, nil, "")
			be := faultOf(t, err)
			assert.ErrorIs(t, err, tt.is)
			assert.ErrorIs(t, err, bal.ErrForbidden)
			assert.NotErrorIs(t, err, tt.isNot)
			assert.Equal(t, tt.source, be.Source)
			assert.Equal(t, 1, be.Attempts, "never retried")
			assert.Equal(t, 1, h.s.FaultsFired(tt.rule.Name))
		})
	}
}
