package delivery_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/delivery"
)

// TestGeotorgetCredential: delivery calls use the client's Geotorget
// credential, whatever the default is: HTTP Basic (a private person's only
// option), an OAuth2 application of its own, or the default when Geotorget
// has none. A default that Geotorget does not know fails.
func TestGeotorgetCredential(t *testing.T) {
	t.Parallel()
	geo := baltest.Credentials{ID: "geotorget-app", Secret: "geotorget-secret"}
	other := baltest.Credentials{ID: "direkt-app", Secret: "direkt-secret"}
	tests := []struct {
		name    string
		def     bal.Credential
		geo     bal.Credential
		refused bool
	}{
		{"Basic for Geotorget", bal.ClientCredentials{ID: other.ID, Secret: other.Secret},
			bal.BasicAuth{Username: geo.ID, Password: geo.Secret}, false},
		{"OAuth2 for Geotorget", bal.ClientCredentials{ID: other.ID, Secret: other.Secret},
			bal.ClientCredentials{ID: geo.ID, Secret: geo.Secret}, false},
		{"the default when Geotorget has none", bal.ClientCredentials{ID: geo.ID, Secret: geo.Secret}, nil, false},
		{"another application's default", bal.ClientCredentials{ID: other.ID, Secret: other.Secret}, nil, true},
		{"wrong Basic password", bal.ClientCredentials{ID: geo.ID, Secret: geo.Secret},
			bal.BasicAuth{Username: geo.ID, Password: "wrong-password"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := baltest.NewServer(baltest.WithTime(start), baltest.WithData(gen.Config{Seed: 1}),
				baltest.WithCredentials(geo, other), baltest.WithGeotorgetRedirects())
			t.Cleanup(srv.Close)
			order := srv.AddOrder(baltest.GeotorgetOrder{Client: geo.ID, PartObjects: 40})
			c := srv.Client(func(cfg *bal.Config) {
				cfg.Credentials = tt.def
				if tt.geo != nil {
					cfg.ServiceCredentials = map[bal.Service]bal.Credential{bal.ServiceGeotorget: tt.geo}
				}
			})
			t.Cleanup(c.CloseIdleConnections)
			dc := delivery.New(c)
			_, err := srv.StartDelivery(order, "BAS")
			require.NoError(t, err)
			require.NoError(t, srv.EndDelivery(order, "LYCKAD"))

			res, err := dc.Download(t.Context(), order, t.TempDir(), &delivery.DownloadOptions{Clock: srv.Clock()})
			if tt.refused {
				require.Error(t, err)
				assert.True(t, errorsIsAny(err, bal.ErrUnauthorized, bal.ErrForbidden), "%v", err)
				assert.NotContains(t, err.Error(), "wrong-password")
				return
			}
			require.NoError(t, err)
			require.NotEmpty(t, res.Files)
			// Every file came from the file host, which refuses (400) a
			// request carrying a credential: none was sent there.
			fromFileHost := 0
			for _, r := range srv.Requests() {
				if strings.HasPrefix(r.Path, "/geotorget/filvard/") {
					fromFileHost++
					assert.NotEqual(t, http.StatusBadRequest, r.Status, "a credential reached the file host")
				}
			}
			assert.GreaterOrEqual(t, fromFileHost, len(res.Files))
		})
	}
}

func errorsIsAny(err error, targets ...error) bool {
	for _, t := range targets {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}
