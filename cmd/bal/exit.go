package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"

	"github.com/tjanstebaserad/bal-go/audit"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/delivery"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// The exit codes. They are part of the command-line interface: scripts
// branch on them, so they never change meaning.
const (
	exitOK = 0
	// exitFailure is any other failure.
	exitFailure = 1
	// exitUsage is a bad command line, flag, argument, configuration or
	// missing credentials, or a write to Produktion without
	// --allow-production.
	exitUsage = 2
	// exitAuth is credentials refused by the token endpoint, or a call
	// refused for lack of a right (401, 403).
	exitAuth = 3
	// exitNotFound is an object, delivery or report that does not exist.
	exitNotFound = 4
	// exitConflict is a version conflict or input refused as invalid (409,
	// 400 with validation problems, the SDK's own validation, NGP
	// valideringsfel).
	exitConflict = 5
	// exitNetwork is a service that could not be reached or answered with
	// 429, 5xx or a broken answer, after the SDK's retries.
	exitNetwork = 6
	// exitResync is a change-feed checkpoint older than the feed keeps (410):
	// the copy must be rebuilt from an extract.
	exitResync = 7
	// exitTampered is an audit trail that does not verify: a record was
	// edited, removed, inserted, reordered or cut.
	exitTampered = 8
	// exitNotReady is an answer that is not ready yet (an NGP validation
	// report, a Geotorget delivery still being built): not a failure, so a
	// script polls again later instead of giving up.
	exitNotReady = 9
	// exitInterrupted is SIGINT or SIGTERM (128 + 2, as shells report it).
	exitInterrupted = 130
)

// exitError carries a chosen exit code.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError is a bad command line or configuration (exit 2).
func usageError(format string, args ...any) error {
	return &exitError{exitUsage, fmt.Errorf(format, args...)}
}

// withCode gives err the exit code code.
func withCode(code int, err error) error { return &exitError{code, err} }

// exitCode maps an error to its exit code.
func exitCode(ctx context.Context, err error) int {
	var ee *exitError
	var ne net.Error
	var ue *url.Error
	switch {
	case errors.As(err, &ee):
		return ee.code
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.Is(err, bal.ErrResync):
		return exitResync
	case errors.Is(err, audit.ErrTampered):
		return exitTampered
	case errors.Is(err, ngp.ErrReportNotReady), errors.Is(err, delivery.ErrNotReady):
		return exitNotReady
	case errors.Is(err, bal.ErrUnauthorized), errors.Is(err, bal.ErrForbidden):
		return exitAuth
	case errors.Is(err, bal.ErrNotFound):
		return exitNotFound
	case errors.Is(err, bal.ErrConflict), errors.Is(err, bal.ErrValidation):
		return exitConflict
	case errors.Is(err, bal.ErrUnavailable), errors.Is(err, bal.ErrRateLimited), errors.Is(err, bal.ErrInvalidResponse),
		errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne), errors.As(err, &ue):
		return exitNetwork
	}
	return exitFailure
}
