package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/tjanstebaserad/bal-go/bal"
)

// tokenDoc is what token prints: everything about the token but the token.
type tokenDoc struct {
	Environment string `json:"environment"`
	// Credential is whose credential was checked: "default", or the
	// service group whose own it is ("geotorget", "ngp/byggnad").
	Credential string    `json:"credential"`
	TokenURL   string    `json:"tokenUrl"`
	ClientID   string    `json:"clientId"`
	TokenType  string    `json:"tokenType"`
	ExpiresAt  time.Time `json:"expiresAt"`
	ExpiresIn  int64     `json:"expiresIn"`
	Scopes     []string  `json:"scopes"`
	// TokenStore is the file the new token was shared through; empty when
	// it was not (TokenStoreNote says why).
	TokenStore     string `json:"tokenStore"`
	TokenStoreNote string `json:"tokenStoreNote,omitempty"`
}

func newToken(a *app) *cobra.Command {
	var (
		scopes  []string
		service string
	)
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Check credentials: fetch a token and show its expiry and scopes, never the token",
		Long: `Token fetches an access token from the token endpoint with the configured
OAuth2 client credentials (the default, or with --service a service group's:
the one its calls use) and shows when it expires and which scopes it carries.
The token itself is never printed. It always asks the endpoint, so it checks the
consumer secret too.

Lantmäteriet's API Manager revokes an application's previous token whenever it
issues a new one. The new token goes into the token store (--token-store,
$BAL_TOKEN_STORE; by default bal/tokens in your cache directory), which every
bal command shares, so that several commands run at once take one token instead
of revoking each other's; a command whose token was revoked reads the store
again before fetching. A system that does not share the store gets a 401 on its
next call and fetches a new token (the SDK does that once by itself): check the
credentials of such a system outside its busy hours. Token says which store it
used.

Basic authentication and API keys have no token: a command that calls their
service checks them. Refused credentials exit 3; an unreachable endpoint exits 6.`,
		Example: `  bal --env fake token
  BAL_CLIENT_ID=AbC123 BAL_CLIENT_SECRET_FILE=~/.bal/secret bal token
  bal token --scope byggnad_direkt_v3_read -o json
  bal token --service ngp/byggnad
  bal token --token-store off`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			t, err := a.target(false)
			if err != nil {
				return err
			}
			var svc bal.Service
			if service != "" {
				if svc, err = parseService(service); err != nil {
					return usageError("--service: %v", err)
				}
			}
			owner, cred := credentialOf(t.cfg, svc)
			if _, missing := cred.(bal.TokenSource); missing && a.noDefault != nil {
				if svc == "" {
					return usageError("there is no default credential (only %s): set BAL_CLIENT_ID and BAL_CLIENT_SECRET, or give --service",
						strings.Join(a.noDefault.own, ", "))
				}
				return usageError("%s has no credential of its own and there is no default: set BAL_CLIENT_ID and BAL_CLIENT_SECRET",
					svc)
			}
			cc, ok := cred.(bal.ClientCredentials)
			if !ok {
				return usageError("%s uses %s, which has no token to check: a command that calls its service checks it",
					describeService(svc), kindOf(cred))
			}
			if len(scopes) > 0 {
				cc.Scopes = scopes
			}
			tokenURL := cc.TokenURL
			if tokenURL == "" {
				tokenURL = t.cfg.Environment.TokenURL()
			}
			tok, store, note, err := fetchToken(cmd.Context(), t, cc, tokenURL)
			if err != nil {
				return err
			}
			doc := tokenDoc{Environment: t.name, Credential: owner, TokenURL: tokenURL, ClientID: cc.ID, TokenType: tok.Type(),
				ExpiresAt: tok.Expiry.UTC().Truncate(time.Second), Scopes: []string{}, TokenStore: store, TokenStoreNote: note}
			if !tok.Expiry.IsZero() {
				doc.ExpiresIn = int64(time.Until(tok.Expiry).Round(time.Second) / time.Second)
			}
			if s, ok := tok.Extra("scope").(string); ok {
				doc.Scopes = append(doc.Scopes, strings.Fields(s)...)
			}
			return a.document(doc, func(w io.Writer) error {
				expires := "no expiry given"
				if !doc.ExpiresAt.IsZero() {
					expires = fmt.Sprintf("%s (in %s)", doc.ExpiresAt.Format(time.RFC3339), time.Duration(doc.ExpiresIn)*time.Second)
				}
				shared := doc.TokenStore + " (shared with other bal processes)"
				if doc.TokenStore == "" {
					shared = doc.TokenStoreNote
				} else if doc.TokenStoreNote != "" {
					shared = doc.TokenStore + " (" + doc.TokenStoreNote + ")"
				}
				pairs(w, "environment", doc.Environment, "credential", doc.Credential, "token endpoint", doc.TokenURL,
					"client id", doc.ClientID, "token type", doc.TokenType, "expires", expires,
					"scopes", strings.Join(doc.Scopes, " "), "token store", shared)
				return nil
			})
		},
	}
	cmd.Flags().StringSliceVar(&scopes, "scope", nil, "ask for this scope (default: the application's); repeatable")
	cmd.Flags().StringVar(&service, "service", "", "check the credential this service group's calls use: direkt, uppdatering, geotorget, ngp or ngp/DATASET (default: the default credential)")
	return cmd
}

// credentialOf returns the credential the SDK gives calls to s, as it
// picks it (the service's own, its group's, the default), and whose it
// is.
func credentialOf(cfg bal.Config, s bal.Service) (string, bal.Credential) {
	if s != "" {
		if c, ok := cfg.ServiceCredentials[s]; ok {
			return string(s), c
		}
		if g, _, ok := strings.Cut(string(s), "/"); ok {
			if c, ok := cfg.ServiceCredentials[bal.Service(g)]; ok {
				return g, c
			}
		}
	}
	return "default", cfg.Credentials
}

func describeService(s bal.Service) string {
	if s == "" {
		return "the default credential"
	}
	return string(s)
}

func kindOf(c bal.Credential) string {
	switch c.(type) {
	case bal.BasicAuth:
		return kindBasic.String()
	case bal.APIKey:
		return kindAPIKey.String()
	}
	return fmt.Sprintf("%T", c)
}

// fetchToken fetches a new token and, with a token store, shares it there
// under the key the SDK uses, with the absolute expiry every process
// agrees on. It returns the token, the store's path when the token was
// shared, and a note when the store was not used.
func fetchToken(ctx context.Context, t *target, cred bal.ClientCredentials, tokenURL string) (tok *oauth2.Token, store, note string, err error) {
	style := oauth2.AuthStyleInHeader
	if cred.InBody {
		style = oauth2.AuthStyleInParams
	}
	cc := &clientcredentials.Config{ClientID: cred.ID, ClientSecret: cred.Secret,
		TokenURL: tokenURL, Scopes: cred.Scopes, AuthStyle: style}
	hc := t.cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	}
	hc = &http.Client{Transport: hc.Transport, Timeout: time.Minute}
	defer func() {
		if tr, ok := hc.Transport.(*http.Transport); ok {
			tr.CloseIdleConnections()
		}
	}()
	fetch := func() (*oauth2.Token, error) {
		tok, err := cc.Token(context.WithValue(ctx, oauth2.HTTPClient, hc))
		if err != nil {
			return nil, tokenError(err, cred.Secret)
		}
		return tok, nil
	}
	if t.cfg.TokenStore == nil {
		tok, err = fetch()
		return tok, "", t.tokenStoreNote, err
	}
	scopes := slices.Clone(cred.Scopes)
	slices.Sort(scopes)
	key := bal.TokenKey{TokenURL: tokenURL, ClientID: cred.ID, Scope: strings.Join(scopes, " ")}
	var fetched *oauth2.Token
	attempted := false
	_, err = t.cfg.TokenStore.Update(ctx, key, func(*oauth2.Token) (*oauth2.Token, error) {
		attempted = true
		tok, err := fetch()
		if err != nil {
			return nil, err
		}
		fetched = tok
		return shareable(tok), nil
	})
	switch {
	case err == nil:
		return fetched, t.tokenStore, "", nil
	case !attempted:
		// The store failed (its lock or file), not the endpoint: go on
		// without it, as the SDK does.
		note = "not shared: " + strings.TrimPrefix(err.Error(), "bal: ")
		tok, err = fetch()
		return tok, "", note, err
	case fetched != nil:
		// Fetched, but not stored.
		return fetched, "", "not shared: " + strings.TrimPrefix(err.Error(), "bal: "), nil
	}
	return nil, "", "", err
}

// shareable is tok as the SDK stores it: ExpiresIn set, and Expiry taken
// from it on this clock, so that every process sharing it renews it at
// the same moment (x/oauth2 may leave ExpiresIn empty).
func shareable(tok *oauth2.Token) *oauth2.Token {
	c := *tok
	if c.ExpiresIn <= 0 {
		c.ExpiresIn = int64(time.Hour / time.Second)
		if !c.Expiry.IsZero() {
			c.ExpiresIn = max(int64(math.Round(time.Until(c.Expiry).Seconds())), 1)
		}
	}
	c.Expiry = time.Now().Add(time.Duration(c.ExpiresIn) * time.Second)
	return &c
}

// tokenError turns a token endpoint's failure into the SDK's typed errors,
// so that refused credentials exit 3 and an unreachable endpoint 6, with
// the secret masked.
func tokenError(err error, secret string) error {
	mask := func(s string) string {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, bal.Masked)
		}
		return bal.Redact(s)
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		status := 0
		if re.Response != nil {
			status = re.Response.StatusCode
		}
		msg := fmt.Sprintf("the token endpoint answered %d %s", status, http.StatusText(status))
		if re.ErrorCode != "" {
			msg += ": " + re.ErrorCode
			if re.ErrorDescription != "" {
				msg += " (" + mask(re.ErrorDescription) + ")"
			}
		}
		code := exitNetwork
		switch status {
		case http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden:
			code = exitAuth
		}
		return withCode(code, errors.New(msg))
	}
	return withCode(exitNetwork, fmt.Errorf("the token endpoint: %s", mask(err.Error())))
}
