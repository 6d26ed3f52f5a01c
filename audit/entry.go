package audit

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// The chain's format. Each entry is one JSON object:
//
//	{"v":1,"seq":7,"prev":"<mac of entry 6>","time":"…","kind":"intent","record":7,
//	 "intent":{…,"personal":"<salted digest>"},"mac":"<HMAC-SHA256>"}
//
// The MAC is HMAC-SHA256, under the recorder's key, of the entry's bytes up
// to (not including) `,"mac":…` followed by "}". It covers seq and prev, so
// every entry vouches for its position and for the whole chain before it;
// without the key no entry can be edited, forged or moved. The first entry's
// prev is genesisMAC. An entry is checked from its exact bytes, so no
// canonical re-encoding is needed.
const formatVersion = 1

// genesisMAC is the prev of the first entry of a chain.
var genesisMAC = hex.EncodeToString(make([]byte, sha256.Size))

// Entry kinds.
const (
	kindIntent  = "intent"
	kindOutcome = "outcome"
	kindPurge   = "purge"
)

type entryBody struct {
	V    int       `json:"v"`
	Seq  uint64    `json:"seq"`
	Prev string    `json:"prev"`
	Time time.Time `json:"time"`
	Kind string    `json:"kind"`
	// Record is the record an entry belongs to: an intent's own seq, or the
	// first intent's for a repeat of its key and for an outcome.
	Record  uint64      `json:"record,omitempty"`
	Intent  *intentBody `json:"intent,omitempty"`
	Outcome *Outcome    `json:"outcome,omitempty"`
	Purge   *purgeBody  `json:"purge,omitempty"`
}

type intentBody struct {
	Organisation string       `json:"org,omitempty"`
	Operation    string       `json:"op"`
	Key          string       `json:"key,omitempty"`
	Action       Action       `json:"action,omitzero"`
	Objects      []objectBody `json:"objects"`
	// Personal is the salted digest of the personal part (hex), or empty
	// when the write had no personal data.
	Personal string `json:"personal,omitempty"`
}

type objectBody struct {
	Change     string             `json:"change,omitempty"`
	Type       string             `json:"type"`
	ID         string             `json:"id,omitempty"`
	Version    int64              `json:"version,omitempty"`
	Action     *Action            `json:"action,omitempty"`
	Geometries []GeometryMetadata `json:"geometries,omitempty"`
}

// purgeBody records a purge. Through and ThroughMAC let verification start
// again after the removed entries: the first entry left names ThroughMAC as
// its prev.
type purgeBody struct {
	Through         uint64    `json:"through"`
	ThroughMAC      string    `json:"through_mac"`
	PersonalThrough uint64    `json:"personal_through"`
	RecordsBefore   time.Time `json:"records_before,omitzero"`
	PersonalBefore  time.Time `json:"personal_before,omitzero"`
	RemovedEntries  int       `json:"removed_entries"`
	RemovedPersonal int       `json:"removed_personal"`
}

const macMember = `,"mac":"`

// macSuffixLen is the length of `,"mac":"<64 hex>"}`.
var macSuffixLen = len(macMember) + 64 + 2

func computeMAC(key, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// seal encodes b and appends its MAC under key.
func seal(key []byte, b *entryBody) (line []byte, mac string, err error) {
	body, err := json.Marshal(b)
	if err != nil {
		return nil, "", fmt.Errorf("audit: encode entry: %w", err)
	}
	mac = computeMAC(key, body)
	line = make([]byte, 0, len(body)+macSuffixLen)
	line = append(line, body[:len(body)-1]...)
	line = append(line, macMember...)
	line = append(line, mac...)
	line = append(line, '"', '}')
	return line, mac, nil
}

// errMalformed marks a sealed entry that is not in the chain's format.
var errMalformed = errors.New("not a sealed entry")

// splitSealed returns the bytes the MAC covers and the MAC written in a
// sealed entry.
func splitSealed(line []byte) (body []byte, mac string, err error) {
	n := len(line)
	if n < macSuffixLen+2 || line[0] != '{' || line[n-1] != '}' || line[n-2] != '"' {
		return nil, "", errMalformed
	}
	if !bytes.Equal(line[n-macSuffixLen:n-macSuffixLen+len(macMember)], []byte(macMember)) {
		return nil, "", errMalformed
	}
	mac = string(line[n-66 : n-2])
	if !isMACHex(mac) {
		return nil, "", errMalformed
	}
	body = make([]byte, 0, n-macSuffixLen+1)
	body = append(body, line[:n-macSuffixLen]...)
	body = append(body, '}')
	return body, mac, nil
}

// openSealed checks a sealed entry's MAC under key and decodes it. A wrong
// MAC is reported as errBadMAC, bytes not in the format as errMalformed.
func openSealed(key, line []byte) (*entryBody, string, error) {
	body, mac, err := splitSealed(line)
	if err != nil {
		return nil, "", err
	}
	if !hmac.Equal([]byte(computeMAC(key, body)), []byte(mac)) {
		return nil, mac, errBadMAC
	}
	b, err := decodeBody(body)
	return b, mac, err
}

var errBadMAC = errors.New("wrong MAC")

// decodeBody decodes an entry's JSON without checking its MAC, strictly:
// unknown members and trailing data are refused.
func decodeBody(body []byte) (*entryBody, error) {
	d := json.NewDecoder(bytes.NewReader(body))
	d.DisallowUnknownFields()
	var b entryBody
	if err := d.Decode(&b); err != nil {
		return nil, fmt.Errorf("%w: %v", errMalformed, err)
	}
	if d.More() {
		return nil, fmt.Errorf("%w: data after the entry", errMalformed)
	}
	if b.V != formatVersion || b.Seq == 0 || !isMACHex(b.Prev) {
		return nil, fmt.Errorf("%w: version, seq or prev", errMalformed)
	}
	switch {
	case b.Kind == kindIntent && b.Intent != nil && b.Outcome == nil && b.Purge == nil && b.Record != 0 && b.Record <= b.Seq:
	case b.Kind == kindOutcome && b.Outcome != nil && b.Intent == nil && b.Purge == nil && b.Record != 0 && b.Record < b.Seq:
	case b.Kind == kindPurge && b.Purge != nil && b.Intent == nil && b.Outcome == nil && b.Record == 0:
	default:
		return nil, fmt.Errorf("%w: kind %q with the wrong members", errMalformed, truncate(b.Kind, 20))
	}
	return &b, nil
}

// peekEntry reads what a sink needs from a sealed entry without checking
// its MAC: position, time, kind, idempotency key, record, MAC. ok is false
// for bytes not in the format.
func peekEntry(line []byte) (b *entryBody, mac string, ok bool) {
	body, mac, err := splitSealed(line)
	if err != nil {
		return nil, "", false
	}
	b, err = decodeBody(body)
	if err != nil {
		return nil, "", false
	}
	return b, mac, true
}

// personalData is a record's personal part.
type personalData struct {
	Actor   Actor  `json:"actor,omitzero"`
	Comment string `json:"comment,omitempty"`
	// Surveyors holds each geometry's surveyor ("" for none), the objects'
	// geometries counted in order.
	Surveyors []string `json:"surveyors,omitempty"`
}

func (p *personalData) empty() bool {
	if p.Actor != (Actor{}) || p.Comment != "" {
		return false
	}
	for _, s := range p.Surveyors {
		if s != "" {
			return false
		}
	}
	return true
}

// personalRow is a personal part as a sink stores it: the data and the
// salt of their digest, which the chain holds. Removing the row removes the
// salt with the data, so the digest left in the chain cannot be tested
// against guesses.
type personalRow struct {
	Seq  uint64          `json:"seq"`
	Salt string          `json:"salt"`
	Data json.RawMessage `json:"data"`
}

// saltSize is 256 bits: a removed salt cannot be searched for.
const saltSize = 32

// newPersonalRow encodes p for entry seq and returns the row and the digest
// the entry must hold.
func newPersonalRow(seq uint64, p *personalData) (row []byte, digest string, err error) {
	data, err := json.Marshal(p)
	if err != nil {
		return nil, "", fmt.Errorf("audit: encode personal part: %w", err)
	}
	salt := make([]byte, saltSize)
	if _, err := rand.Read(salt); err != nil {
		return nil, "", fmt.Errorf("audit: salt: %w", err)
	}
	row, err = json.Marshal(personalRow{Seq: seq, Salt: hex.EncodeToString(salt), Data: data})
	if err != nil {
		return nil, "", fmt.Errorf("audit: encode personal part: %w", err)
	}
	return row, personalDigest(salt, data), nil
}

func personalDigest(salt, data []byte) string {
	m := hmac.New(sha256.New, salt)
	m.Write(data)
	return hex.EncodeToString(m.Sum(nil))
}

// openPersonalRow decodes a stored personal part and returns its position,
// its data and their salted digest. It accepts exactly the bytes
// newPersonalRow writes: anything else (an edited salt spelling, an added
// member) is refused, so that no edit goes unnoticed.
func openPersonalRow(row []byte) (seq uint64, p *personalData, digest string, err error) {
	var r personalRow
	d := json.NewDecoder(bytes.NewReader(row))
	d.DisallowUnknownFields()
	if err := d.Decode(&r); err != nil {
		return 0, nil, "", fmt.Errorf("%w: %v", errMalformed, err)
	}
	salt, err := hex.DecodeString(r.Salt)
	if err != nil || len(salt) != saltSize {
		return 0, nil, "", fmt.Errorf("%w: salt", errMalformed)
	}
	again, err := json.Marshal(r)
	if err != nil || !bytes.Equal(again, row) {
		return 0, nil, "", fmt.Errorf("%w: not in the stored form", errMalformed)
	}
	var data personalData
	dd := json.NewDecoder(bytes.NewReader(r.Data))
	dd.DisallowUnknownFields()
	if err := dd.Decode(&data); err != nil {
		return 0, nil, "", fmt.Errorf("%w: %v", errMalformed, err)
	}
	return r.Seq, &data, personalDigest(salt, r.Data), nil
}

// peekPersonalSeq returns a stored personal part's position.
func peekPersonalSeq(row []byte) (uint64, bool) {
	var r struct {
		Seq uint64 `json:"seq"`
	}
	if json.Unmarshal(row, &r) != nil || r.Seq == 0 {
		return 0, false
	}
	return r.Seq, true
}
