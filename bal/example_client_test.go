package bal_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
)

// Build one client per application and share it: Lantmäteriet revokes an
// application's token whenever it issues a new one. Failed calls match the
// sentinel errors with errors.Is and carry their details in *bal.Error.
func ExampleNewClient() {
	srv := baltest.NewServer() // a stand-in for bal.Verification
	defer srv.Close()
	creds := srv.Credentials()

	c, err := bal.NewClient(bal.Config{
		Environment: srv.Environment(),
		Credentials: bal.ClientCredentials{ID: creds.ID, Secret: creds.Secret},
		AppID:       "MyProduct/3.1 (kommun 2199)",
	})
	if err != nil {
		log.Fatal(err)
	}
	bc := building.New(c)

	missing := bal.MustParseObjectID("00000000-0000-4000-8000-000000000000")
	_, err = bc.Buildings.Get(context.Background(), missing, nil)
	var e *bal.Error
	if errors.Is(err, bal.ErrNotFound) && errors.As(err, &e) {
		fmt.Println("not found:", e.StatusCode, e.Code, e.Source)
	}

	// A configuration mistake is reported whole, before anything is sent.
	_, err = bal.NewClient(bal.Config{Environment: bal.Production})
	fmt.Println(err)
	// Output:
	// not found: 404 BAL-0404 service
	// bal: invalid bal.Config: Credentials: set a credential: ClientCredentials (consumer key and secret), BasicAuth, APIKey or TokenSource (required)
}
