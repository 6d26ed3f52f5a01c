package audit_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/audit"
)

func TestRecordsQuery(t *testing.T) {
	t.Parallel()
	r, _, c := fileRecorder(t)
	anna := audit.WithActor(context.Background(), audit.Actor{ID: "anna.s"})
	per := audit.WithActor(context.Background(), audit.Actor{ID: "per.o"})
	start := c.Now()
	record(t, anna, r, buildingUpdate(idA, 1, "1"), applied(idA, 2))
	record(t, per, r, buildingUpdate(idB, 1, "2"), &audit.Answer{Failure: &audit.Failure{HTTPStatus: 409}})
	c.Advance(time.Hour)
	mid := c.Now()
	record(t, anna, r, buildingUpdate(idB, 1, "3"), nil)
	record(t, per, r, &audit.Write{Operation: "Transaction.Commit", IdempotencyKey: "4", Objects: []audit.WriteObject{
		{Change: "create", Type: "Entre", ID: idB}, {Change: "update", Type: "Byggnad", ID: idA, Version: 2}}},
		&audit.Answer{Receipts: []audit.Receipt{{ID: idB, Version: 1}, {ID: idA, Version: 3}}})

	keys := func(q *audit.Query) []string {
		var ks []string
		for _, rec := range collect(t, r, q) {
			ks = append(ks, rec.IdempotencyKey)
		}
		return ks
	}
	tests := []struct {
		name string
		q    *audit.Query
		want []string
	}{
		{"all", nil, []string{"1", "2", "3", "4"}},
		{"object", &audit.Query{ObjectID: idA}, []string{"1", "4"}},
		{"actor", &audit.Query{ActorID: "per.o"}, []string{"2", "4"}},
		{"from", &audit.Query{From: mid}, []string{"3", "4"}},
		{"to", &audit.Query{From: start, To: mid}, []string{"1", "2"}},
		{"refused", &audit.Query{Results: []audit.Result{audit.ResultRefused}}, []string{"2"}},
		{"unknown or applied", &audit.Query{Results: []audit.Result{audit.ResultUnknown, audit.ResultApplied}}, []string{"1", "3", "4"}},
		{"combined", &audit.Query{ActorID: "anna.s", ObjectID: idB}, []string{"3"}},
		{"none", &audit.Query{ObjectID: "no such"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, keys(tc.q))
		})
	}
	tx := collect(t, r, &audit.Query{ActorID: "per.o", Results: []audit.Result{audit.ResultApplied}})
	require.Len(t, tx, 1)
	assert.Equal(t, int64(1), tx[0].Objects[0].VersionAfter)
	assert.Equal(t, int64(3), tx[0].Objects[1].VersionAfter)
}

func TestRecordsStopEarly(t *testing.T) {
	t.Parallel()
	r, _, _ := fileRecorder(t)
	for i := range 3 {
		record(t, asOfficial(), r, buildingUpdate(idA, int64(i+1), ""), applied(idA, int64(i+2)))
	}
	n := 0
	for range r.Records(context.Background(), nil) {
		n++
		break
	}
	assert.Equal(t, 1, n)
}

func TestExport(t *testing.T) {
	t.Parallel()
	r, _, c := fileRecorder(t)
	ctx := audit.WithActor(context.Background(), audit.Actor{ID: "anna.s", Name: "=HYPERLINK(\"x\")"})
	record(t, ctx, r, buildingUpdate(idA, 3, "k1"), applied(idA, 4))
	record(t, ctx, r, &audit.Write{Operation: "Transaction.Commit", IdempotencyKey: "k2", Objects: []audit.WriteObject{
		{Change: "create", Type: "Entre"}, {Change: "update", Type: "Byggnad", ID: idA, Version: 4}}}, nil)
	c.Advance(time.Minute)

	var b bytes.Buffer
	require.NoError(t, r.ExportCSV(context.Background(), &b, nil))
	rows, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 4, "a header and one row per object")
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	first := rows[1]
	assert.Equal(t, "1", first[col["seq"]])
	assert.Equal(t, "2026-12-01T09:00:00.001Z", first[col["time"]])
	assert.Equal(t, "anna.s", first[col["actor_id"]])
	assert.Equal(t, `'=HYPERLINK("x")`, first[col["actor_name"]], "no formula runs in a spreadsheet")
	assert.Equal(t, "applied", first[col["result"]])
	assert.Equal(t, "3", first[col["version_before"]])
	assert.Equal(t, "4", first[col["version_after"]])
	assert.Equal(t, "0.03", first[col["accuracy_plan"]])
	assert.Equal(t, "Erik Mätare", first[col["surveyor"]])
	assert.Equal(t, "GNSS, nätverks-RTK", first[col["method_plan_variant"]])
	assert.Equal(t, "1", first[col["geometry"]])
	assert.Equal(t, "unknown", rows[2][col["result"]])
	assert.Equal(t, "1", rows[2][col["object"]])
	assert.Equal(t, "2", rows[3][col["object"]])

	b.Reset()
	require.NoError(t, r.ExportJSON(context.Background(), &b, &audit.Query{ObjectID: idA}))
	var doc struct {
		Organisation string    `json:"organisation"`
		Exported     time.Time `json:"exported"`
		Head         string    `json:"head"`
		Records      []struct {
			Seq     uint64          `json:"seq"`
			Result  string          `json:"result"`
			Actor   *audit.Actor    `json:"actor"`
			Outcome json.RawMessage `json:"outcome"`
			Objects []struct {
				ID           string `json:"id"`
				VersionAfter int64  `json:"version_after"`
				Geometries   []struct {
					Surveyor     string  `json:"surveyor"`
					AccuracyPlan float64 `json:"accuracy_plan"`
				} `json:"geometries"`
			} `json:"objects"`
		} `json:"records"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	head, err := r.Head(context.Background())
	require.NoError(t, err)
	assert.Equal(t, head.String(), doc.Head)
	assert.Equal(t, "2180 Göteborgs stad", doc.Organisation)
	require.Len(t, doc.Records, 2)
	assert.Equal(t, "applied", doc.Records[0].Result)
	assert.Equal(t, int64(4), doc.Records[0].Objects[0].VersionAfter)
	require.Len(t, doc.Records[0].Objects[0].Geometries, 1)
	assert.Equal(t, "Erik Mätare", doc.Records[0].Objects[0].Geometries[0].Surveyor)
	assert.Equal(t, 0.03, doc.Records[0].Objects[0].Geometries[0].AccuracyPlan)
	assert.Equal(t, "unknown", doc.Records[1].Result)
	assert.Nil(t, doc.Records[1].Outcome)

	b.Reset()
	require.NoError(t, r.ExportJSON(context.Background(), &b, &audit.Query{ObjectID: "none"}))
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	assert.Empty(t, doc.Records)
}

func TestParseHead(t *testing.T) {
	t.Parallel()
	r, _, _ := fileRecorder(t)
	record(t, asOfficial(), r, buildingUpdate(idA, 1, ""), nil)
	h, err := r.Head(context.Background())
	require.NoError(t, err)
	back, err := audit.ParseHead(h.String())
	require.NoError(t, err)
	assert.Equal(t, h.Seq, back.Seq)
	assert.Equal(t, h.MAC, back.MAC)
	for _, bad := range []string{"", "1", "0:" + h.MAC, "x:" + h.MAC, "1:" + h.MAC[:63], "1:" + h.MAC[:63] + "G"} {
		_, err := audit.ParseHead(bad)
		assert.Error(t, err, bad)
	}
}
