package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/tjanstebaserad/bal-go/bal"
)

// tokenDoc is what token prints: everything about the token but the token.
type tokenDoc struct {
	Environment string    `json:"environment"`
	TokenURL    string    `json:"tokenUrl"`
	ClientID    string    `json:"clientId"`
	TokenType   string    `json:"tokenType"`
	ExpiresAt   time.Time `json:"expiresAt"`
	ExpiresIn   int64     `json:"expiresIn"`
	Scopes      []string  `json:"scopes"`
}

func newToken(a *app) *cobra.Command {
	var scopes []string
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Check credentials: fetch a token and show its expiry and scopes, never the token",
		Long: `Token fetches an access token from the environment's token endpoint with the
configured credentials (OAuth2 client credentials) and shows when it expires and
which scopes it carries. The token itself is never printed.

Lantmäteriet's API Manager revokes an application's previous token whenever it
issues a new one: a system running with the same credentials gets a 401 on its
next call and fetches a new token (the SDK does that once by itself). Check the
credentials of a system in use outside its busy hours.

Refused credentials exit 3; an unreachable endpoint exits 6.`,
		Example: `  bal --env fake token
  BAL_CLIENT_ID=AbC123 BAL_CLIENT_SECRET_FILE=~/.bal/secret bal token
  bal token --scope byggnad_direkt_v3_read -o json`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			t, err := a.target(false)
			if err != nil {
				return err
			}
			cred, ok := t.cfg.Credentials.(bal.ClientCredentials)
			if !ok {
				return errors.New("token needs OAuth2 client credentials (BAL_CLIENT_ID and BAL_CLIENT_SECRET)")
			}
			if len(scopes) > 0 {
				cred.Scopes = scopes
			}
			cc := &clientcredentials.Config{ClientID: cred.ID, ClientSecret: cred.Secret,
				TokenURL: t.cfg.Environment.TokenURL(), Scopes: cred.Scopes, AuthStyle: oauth2.AuthStyleInHeader}
			hc := t.cfg.HTTPClient
			if hc == nil {
				hc = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
			}
			hc = &http.Client{Transport: hc.Transport, Timeout: time.Minute}
			ctx := context.WithValue(cmd.Context(), oauth2.HTTPClient, hc)
			tok, err := cc.Token(ctx)
			if tr, ok := hc.Transport.(*http.Transport); ok {
				tr.CloseIdleConnections()
			}
			if err != nil {
				return tokenError(err, cred.Secret)
			}
			doc := tokenDoc{Environment: t.name, TokenURL: cc.TokenURL, ClientID: cred.ID, TokenType: tok.Type(),
				ExpiresAt: tok.Expiry.UTC().Truncate(time.Second), Scopes: []string{}}
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
				pairs(w, "environment", doc.Environment, "token endpoint", doc.TokenURL, "client id", doc.ClientID,
					"token type", doc.TokenType, "expires", expires, "scopes", strings.Join(doc.Scopes, " "))
				return nil
			})
		},
	}
	cmd.Flags().StringSliceVar(&scopes, "scope", nil, "ask for this scope (default: the application's); repeatable")
	return cmd
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
