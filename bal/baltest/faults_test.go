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

// TestRefusesWhatTheSchemaHasNot: one Verksamhetsåtgärd per object and no
// åtgärdsordning (update-binding.md, Envelope); the fake refuses the rest
// as a schema violation, in fault v1's shape.
func TestRefusesWhatTheSchemaHasNot(t *testing.T) {
	t.Parallel()
	h := newHarness(t, WithoutData())
	const (
		head   = `<Uppdatering xmlns="http://namespace.lantmateriet.se/ajourhallning/bal/v1">`
		action = `<Verksamhetsatgard><atgardstyp>Ny</atgardstyp><ansvarigOrganisation>2199</ansvarigOrganisation></Verksamhetsatgard>`
		object = `<Kommundel><faststalltNamn>Norrby</faststalltNamn><Kommun><kommunkod>2199</kommunkod></Kommun></Kommundel>`
	)
	tests := []struct{ name, body, want string }{
		{"two actions", head + action + action + object + `</Uppdatering>`, "Verksamhetsatgard occurs more than once"},
		{"an åtgärdsordning", head + `<Verksamhetsatgard><atgardsordning>1</atgardsordning><atgardstyp>Ny</atgardstyp><ansvarigOrganisation>2199</ansvarigOrganisation></Verksamhetsatgard>` + object + `</Uppdatering>`,
			"atgardsordning is not an element of the binding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.do(http.MethodPost, "/kommundel", []byte(tt.body), nil, "")
			be := faultOf(t, err)
			assert.Equal(t, http.StatusBadRequest, be.StatusCode)
			assert.Equal(t, CodeBadRequest, be.Code)
			assert.Contains(t, be.Message, tt.want)
			assert.Equal(t, bal.SourceService, be.Source)
		})
	}
	// The same body with one action is accepted.
	_, err := h.do(http.MethodPost, "/kommundel", []byte(head+action+object+`</Uppdatering>`), nil, "")
	assert.NoError(t, err)
	assert.Equal(t, 1, h.s.Count(bal.ObjectTypeDistrict))
}
