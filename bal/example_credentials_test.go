package bal_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
)

// Processes that use one application (a nightly sync, a permit system)
// share its token through a FileTokenStore: Lantmäteriet revokes the
// previous token whenever it issues a new one. Here two clients stand for
// two processes.
func ExampleFileTokenStore() {
	srv := baltest.NewServer() // revokes on issue, like Lantmäteriet
	defer srv.Close()
	dir, err := os.MkdirTemp("", "bal-tokens")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	store := bal.NewFileTokenStore(filepath.Join(dir, "tokens.json"))

	newClient := func() *bal.Client {
		creds := srv.Credentials()
		c, err := bal.NewClient(bal.Config{
			Environment: srv.Environment(),
			Credentials: bal.ClientCredentials{ID: creds.ID, Secret: creds.Secret},
			TokenStore:  store,
		})
		if err != nil {
			log.Fatal(err)
		}
		return c
	}
	sync, permits := newClient(), newClient()
	defer sync.CloseIdleConnections()
	defer permits.CloseIdleConnections()
	for _, c := range []*bal.Client{sync, permits, sync, permits} {
		if _, err := c.LatestCheckpoint(context.Background()); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("tokens issued:", srv.TokensIssued(srv.Credentials().ID))
	// Output:
	// tokens issued: 1
}

// Lantmäteriet issues keys per product group: a client holds one per
// service group, and the typed packages pick their group's.
func ExampleConfig_serviceCredentials() {
	_, err := bal.NewClient(bal.Config{
		Environment: bal.Production,
		Credentials: bal.ClientCredentials{ID: "default-key", Secret: "default-secret"},
		ServiceCredentials: map[bal.Service]bal.Credential{
			bal.ServiceGeotorget:      bal.BasicAuth{Username: "geotorget-user", Password: "geotorget-password"},
			bal.NGPDataset("byggnad"): bal.ClientCredentials{ID: "producer-key", Secret: "producer-secret"},
			bal.ServiceDirekt:         bal.APIKey{Key: ""},
		},
	})
	fmt.Println(err)
	// Output:
	// bal: invalid bal.Config: ServiceCredentials[direkt].Key: API key is required (required)
}
