package baltest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tjanstebaserad/bal-go/internal/wire/ngp1"
)

// ngpRule is one rule of the fake's validation.
type ngpRule struct {
	id, label string
	warn      bool // WARNING rather than FAILURE
	check     func(c *ngpChange, doc map[string]json.RawMessage) []string
	byggnad   bool // only for Byggnad bodies
}

var ngpRules = []ngpRule{
	{id: "BAS-005", label: "Historik får inte finnas i leveransen.", check: ngpNoHistory},
	{id: "BYG-0001", label: "Obligatoriska uppgifter ska finnas.", check: ngpRequired, byggnad: true},
	{id: "BYG-0002", label: "Objektidentiteten ska vara förändringens.", check: ngpSameID, byggnad: true},
	{id: "BYG-0007", label: "Koordinatsystem i plan ska vara SWEREF 99 TM eller en lokal SWEREF 99-zon.", check: ngpPlanCRS, byggnad: true},
	{id: "BYG-0008", label: "Dimension ska vara 2 eller 3.", check: ngpDimension, byggnad: true},
	{id: "BYG-0012", label: "Höjd bör anges i RH 2000.", warn: true, check: ngpHeightSystem, byggnad: true},
}

// ngpValidate runs the rules on a change's body and writes the report.
func (s *Server) ngpValidate(rec *ngpReception, c *ngpChange, at time.Time) *ngp1.Valideringsrapport {
	model := strings.TrimSuffix(strings.TrimPrefix(c.media, "application/vnd.lm."), "+json")
	rep := &ngp1.Valideringsrapport{Name: "Resultat för validering av " + model, Timestamp: s.ngpTime(at), Testcase: []ngp1.Testcase{}}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(c.body, &doc); err != nil || doc == nil {
		rep.Testcase = append(rep.Testcase, ngp1.Testcase{ID: "BAS-001", Label: "Domänobjektet ska vara ett JSON-objekt.",
			Status: "FAILURE", Message: []string{"Domänobjektet " + c.id + " kan inte läsas som JSON"}})
	} else {
		rep.Testcase = append(rep.Testcase, ngp1.Testcase{ID: "BAS-001", Label: "Domänobjektet ska vara ett JSON-objekt.", Status: "OK"})
		for _, rule := range ngpRules {
			if rule.byggnad && rec.infotyp != "byggnad" {
				continue
			}
			tc := ngp1.Testcase{ID: rule.id, Label: rule.label, Time: 0.001, Status: "OK"}
			if msgs := rule.check(c, doc); len(msgs) > 0 {
				tc.Status, tc.Message = "FAILURE", msgs
				if rule.warn {
					tc.Status = "WARNING"
				}
			}
			rep.Testcase = append(rep.Testcase, tc)
		}
	}
	for _, tc := range rep.Testcase {
		switch tc.Status {
		case "FAILURE":
			rep.Failures++
		case "WARNING":
			rep.Warnings++
		}
	}
	rep.Tests = len(rep.Testcase)
	rep.Time = 0.001 * float64(rep.Tests)
	return rep
}

func ngpNoHistory(c *ngpChange, doc map[string]json.RawMessage) []string {
	var msgs []string
	if v, ok := doc["versionGiltigTill"]; ok && !isJSONNull(v) {
		msgs = append(msgs, "Domänobjektet "+c.id+" har versionGiltigTill: endast aktuell version får levereras")
	}
	if v, ok := doc["historik"]; ok && !isJSONNull(v) && !bytes.Equal(bytes.TrimSpace(v), []byte("[]")) {
		msgs = append(msgs, "Domänobjektet "+c.id+" innehåller historik")
	}
	return msgs
}

func isJSONNull(v json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(v), []byte("null")) }

func ngpRequired(c *ngpChange, doc map[string]json.RawMessage) []string {
	var msgs []string
	for _, k := range []string{"objektidentitet", "objektversion", "versionGiltigFran", "kommunkod", "andamal", "geometri"} {
		v, ok := doc[k]
		if !ok || isJSONNull(v) || bytes.Equal(bytes.TrimSpace(v), []byte(`""`)) || bytes.Equal(bytes.TrimSpace(v), []byte("[]")) {
			msgs = append(msgs, "Byggnaden "+c.id+" saknar "+k)
		}
	}
	return msgs
}

func ngpSameID(c *ngpChange, doc map[string]json.RawMessage) []string {
	var id string
	if v, ok := doc["objektidentitet"]; ok && json.Unmarshal(v, &id) == nil && id != c.id {
		return []string{"Byggnaden har objektidentitet " + id + " men förändringen " + c.id}
	}
	return nil
}

// ngpGeometries reads the geometri-2.0 values of a Byggnad body (modelled:
// geometri[].geometri).
func ngpGeometries(doc map[string]json.RawMessage) []map[string]json.RawMessage {
	var levels []struct {
		Geometri map[string]json.RawMessage `json:"geometri"`
	}
	_ = json.Unmarshal(doc["geometri"], &levels)
	var out []map[string]json.RawMessage
	for _, l := range levels {
		if l.Geometri != nil {
			out = append(out, l.Geometri)
		}
	}
	return out
}

func ngpPlanCRS(c *ngpChange, doc map[string]json.RawMessage) []string {
	var msgs []string
	for _, g := range ngpGeometries(doc) {
		var crs string
		_ = json.Unmarshal(g["koordinatsystemPlan"], &crs)
		code, err := strconv.Atoi(strings.TrimPrefix(crs, "EPSG:"))
		if !strings.HasPrefix(crs, "EPSG:") || err != nil || code < 3006 || code > 3018 {
			msgs = append(msgs, fmt.Sprintf("Byggnaden %s har koordinatsystemPlan %s", c.id, or(crs, "(saknas)")))
		}
	}
	return msgs
}

func ngpDimension(c *ngpChange, doc map[string]json.RawMessage) []string {
	var msgs []string
	for _, g := range ngpGeometries(doc) {
		var d json.Number
		if err := json.Unmarshal(g["dimension"], &d); err != nil || (d.String() != "2" && d.String() != "3") {
			msgs = append(msgs, fmt.Sprintf("Byggnaden %s har dimension %s", c.id, or(string(g["dimension"]), "(saknas)")))
		}
	}
	return msgs
}

func ngpHeightSystem(c *ngpChange, doc map[string]json.RawMessage) []string {
	var msgs []string
	for _, g := range ngpGeometries(doc) {
		if strings.TrimSpace(string(g["dimension"])) == "3" && len(g["hojdsystem"]) == 0 {
			msgs = append(msgs, "Byggnaden "+c.id+" saknar höjdsystem")
		}
	}
	return msgs
}
