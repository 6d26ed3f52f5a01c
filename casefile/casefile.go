package casefile

import (
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
)

// Case is an ärende: something Lantmäteriet asks the municipality to act on.
type Case struct {
	// ID is the ärende's objektidentitet.
	ID bal.ObjectID
	// Version is its objektversion; it goes up with every kvittens.
	Version bal.Version
	// Number is the ärendenummer, e.g. "AB123456", the case's name in
	// Lantmäteriet's and the municipality's correspondence.
	Number string
	// Type is the ärendetyp.
	Type Type
	// Status is the ärende's status: Inkommen, Pågående or Avslutad.
	Status Status
	// Description is the beskrivning.
	Description string
	// Municipality is the kommunkod of the municipality concerned.
	Municipality bal.MunicipalityCode
	// Properties are the berörda registerenheter.
	Properties []bal.PropertyRef
	// Objects are the berörda objekt: the BAL objects concerned.
	Objects []bal.ObjectRef
	// Created is when the case was raised (skapad).
	Created time.Time
	// Changed is when it last changed (ändrad).
	Changed time.Time
	// Acknowledgements are the municipality's kvittenser, oldest first.
	Acknowledgements []Acknowledgement
}

// Closed reports whether the case is Avslutad. It is a condition for Wait.
func Closed(c *Case) bool { return c.Status == StatusClosed }

// HasStatus returns a condition for Wait that holds once the case has one of
// the statuses.
func HasStatus(statuses ...Status) func(*Case) bool {
	return func(c *Case) bool {
		for _, s := range statuses {
			if c.Status == s {
				return true
			}
		}
		return false
	}
}

// Acknowledgement is a kvittens: the municipality's answer to a case, with
// a comment and the objects it updated to handle it.
type Acknowledgement struct {
	// Kind is the kvittenstyp: Mottagen (received; the case moves to
	// Pågående) or Hanterad (handled; the case is Avslutad). Empty means
	// Mottagen when sending.
	Kind AcknowledgementKind
	// Comment is the kommentar.
	Comment string
	// Updated are the objects the municipality created or changed to handle
	// the case.
	Updated []bal.ObjectRef
	// Time is when Lantmäteriet received the kvittens (tidpunkt); set by
	// the server, ignored when sending.
	Time time.Time
}

// AcknowledgementKind is a kvittenstyp.
type AcknowledgementKind string

// The kvittenstyp values.
const (
	// AcknowledgementReceived is "Mottagen": the municipality has seen the
	// case and works on it (status Pågående).
	AcknowledgementReceived AcknowledgementKind = "Mottagen"
	// AcknowledgementHandled is "Hanterad": the municipality has done what
	// the case asked (status Avslutad).
	AcknowledgementHandled AcknowledgementKind = "Hanterad"
)

var ackKinds = codelist.Define(AcknowledgementReceived, AcknowledgementHandled)

// UnmarshalText reads a kvittenstyp in any case or spelling; an unknown
// value is kept as it came. It never fails (see bal.Codes).
func (k *AcknowledgementKind) UnmarshalText(text []byte) error { return ackKinds.Decode(k, text) }

// MarshalText writes k in Lantmäteriet's spelling.
func (k AcknowledgementKind) MarshalText() ([]byte, error) { return ackKinds.Encode(k) }

// Type is an ärendetyp.
type Type string

// The ärendetyp values.
const (
	// TypePropertyFormation is "Fastighetsbildningsärende": a property
	// formation (avstyckning, fastighetsreglering …) changed registerenheter
	// that BAL objects lie on.
	TypePropertyFormation Type = "Fastighetsbildningsärende"
	// TypeMaintenance is "Ajourhållningsärende": the register needs
	// bringing up to date.
	TypeMaintenance Type = "Ajourhållningsärende"
	// TypeQuality is "Kvalitetsärende": Lantmäteriet's quality work found
	// something for the municipality to look at.
	TypeQuality Type = "Kvalitetsärende"
)

var types = codelist.Define(TypePropertyFormation, TypeMaintenance, TypeQuality)

// UnmarshalText reads an ärendetyp in any case or spelling; an unknown value
// is kept as it came. It never fails (see bal.Codes).
func (t *Type) UnmarshalText(text []byte) error { return types.Decode(t, text) }

// MarshalText writes t in Lantmäteriet's spelling.
func (t Type) MarshalText() ([]byte, error) { return types.Encode(t) }

// Status is an ärende's status.
type Status string

// The ärende statuses, in life-cycle order.
const (
	// StatusReceived is "Inkommen": raised, not yet acknowledged.
	StatusReceived Status = "Inkommen"
	// StatusInProgress is "Pågående": acknowledged, being worked on.
	StatusInProgress Status = "Pågående"
	// StatusClosed is "Avslutad": handled.
	StatusClosed Status = "Avslutad"
)

var statuses = codelist.Define(StatusReceived, StatusInProgress, StatusClosed)

// UnmarshalText reads an ärendestatus in any case or spelling; an unknown
// value is kept as it came. It never fails (see bal.Codes).
func (s *Status) UnmarshalText(text []byte) error { return statuses.Decode(s, text) }

// MarshalText writes s in Lantmäteriet's spelling.
func (s Status) MarshalText() ([]byte, error) { return statuses.Encode(s) }
