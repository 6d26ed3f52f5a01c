package ngp_test

import (
	"crypto/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// TestProducerCredentialPerDataset: producer keys are issued per dataset;
// WithDataset makes the calls use that dataset's credential, a dataset
// without one uses the NGP credential, then the default.
func TestProducerCredentialPerDataset(t *testing.T) {
	t.Parallel()
	def := baltest.Credentials{ID: "kommun-app", Secret: "kommun-secret"}
	byggnad := baltest.Credentials{ID: "byggnad-producent", Secret: "byggnad-secret"}
	consumer := baltest.Credentials{ID: "ngp-konsument", Secret: "ngp-secret"}
	s := baltest.NewServer(baltest.WithoutData(), baltest.WithCredentials(def, byggnad, consumer))
	t.Cleanup(s.Close)
	creds := func(c baltest.Credentials) bal.Credential { return bal.ClientCredentials{ID: c.ID, Secret: c.Secret} }
	tests := []struct {
		name     string
		services map[bal.Service]bal.Credential
		dataset  string
		want     string
	}{
		{"the dataset's own", map[bal.Service]bal.Credential{bal.NGPDataset("byggnad"): creds(byggnad), bal.ServiceNGP: creds(consumer)}, "byggnad", byggnad.ID},
		{"a dataset without one: NGP's", map[bal.Service]bal.Credential{bal.NGPDataset("byggnad"): creds(byggnad), bal.ServiceNGP: creds(consumer)}, "detaljplan", consumer.ID},
		{"no dataset: NGP's", map[bal.Service]bal.Credential{bal.NGPDataset("byggnad"): creds(byggnad), bal.ServiceNGP: creds(consumer)}, "", consumer.ID},
		{"nothing for NGP: the default", map[bal.Service]bal.Credential{bal.ServiceGeotorget: creds(byggnad)}, "byggnad", def.ID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := s.Client(func(cfg *bal.Config) {
				cfg.Credentials = creds(def)
				cfg.ServiceCredentials = tt.services
			})
			t.Cleanup(c.CloseIdleConnections)
			nc := ngp.New(c)
			if tt.dataset != "" {
				nc = nc.WithDataset(tt.dataset)
			}
			before := len(s.Requests())
			_, err := nc.Deliveries.Register(t.Context(), ngp.DeliveryInfo{InformationType: "byggnad", Provider: s.Kommunkod()})
			require.NoError(t, err)
			reqs := s.Requests()[before:]
			require.NotEmpty(t, reqs)
			for _, r := range reqs {
				if r.Path != baltest.TokenPath {
					assert.Equal(t, tt.want, r.Client, r.Path)
				}
			}
		})
	}
}

// TestDownloadFromAnotherHost: Nedladdning answers 303 to a file host on
// another host; the file comes from there, without the token, and a broken
// transfer resumes there with Range.
func TestDownloadFromAnotherHost(t *testing.T) {
	t.Parallel()
	body := make([]byte, 200_000)
	_, _ = rand.Read(body)
	var mu sync.Mutex
	var seen []http.Header
	cut := true
	files := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Clone())
		first := cut
		cut = false
		mu.Unlock()
		if r.Header.Get("Authorization") != "" || r.Header.Get("ApiKey") != "" {
			http.Error(w, "Only one auth mechanism allowed", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/zip")
		start := 0
		if rng := r.Header.Get("Range"); rng != "" {
			start, _ = strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rng, "bytes="), "-"))
			w.Header().Set("Content-Range", "bytes "+strconv.Itoa(start)+"-"+strconv.Itoa(len(body)-1)+"/"+strconv.Itoa(len(body)))
			w.Header().Set("Content-Length", strconv.Itoa(len(body)-start))
			w.WriteHeader(http.StatusPartialContent)
		} else {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		}
		if first {
			_, _ = w.Write(body[:len(body)/3])
			panic(http.ErrAbortHandler) // the connection breaks mid-file
		}
		_, _ = w.Write(body[start:])
	}))
	t.Cleanup(files.Close)
	api := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.Equal(t, ngp.DownloadBase+"/asset/a1", r.URL.Path)
		w.Header().Set("Location", files.URL+"/signed/a1.zip?sig=x")
		w.WriteHeader(http.StatusSeeOther)
	}))
	env, err := bal.NewEnvironment("api", api.BaseURL(), api.TokenURL())
	require.NoError(t, err)
	c, err := bal.NewClient(bal.Config{Environment: env, Credentials: bal.ClientCredentials{ID: lmtest.ClientID, Secret: lmtest.Secret}})
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)

	path := filepath.Join(t.TempDir(), "a1.zip")
	dl, err := ngp.New(c).Downloads.Asset(t.Context(), "a1", path, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(len(body)), dl.Size)
	assert.Equal(t, 1, dl.Resumed)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, body, got)
	assert.Equal(t, 1, api.APIRequests(), "the API host was asked once, with the token")
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, seen, 2)
	for _, h := range seen {
		assert.Empty(t, h.Get("Authorization"))
		assert.Empty(t, h.Get("ApiKey"))
	}
	assert.NotEmpty(t, seen[1].Get("Range"), "resumed with Range on the file host")
}
