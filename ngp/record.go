package ngp

import (
	"context"
	"encoding/json"

	"github.com/tjanstebaserad/bal-go/bal"
)

// The object types the platform's writes are recorded under with the
// client's Recorder (bal.Config.Recorder). The granularity is the API's:
// one record per call that writes — a mottagning registered, a batch of
// changes registered (one object per change), one object uploaded — since
// the API has no idempotency keys and every call is a write of its own,
// which may or may not have reached the server. Publish's retries after a
// broken connection are therefore records of their own, each with its own
// outcome; Publish reads back what arrived, and audit.Versions can too.
const (
	// recordReception is a registered mottagning; its id is the
	// mottagningsid, which the server assigns.
	recordReception bal.ObjectType = "Mottagning"
	// recordChange is a change of a mottagning, named
	// "mottagningsid/objektidentitet": its registration (a leverans or a
	// radering) and the uploads of its object.
	recordChange bal.ObjectType = "Förändring"
)

// changeName names a change in a record.
func changeName(reception string, object bal.ObjectID) string {
	return reception + "/" + object.String()
}

// record records a write with the client's Recorder before it is sent;
// without one it does nothing.
func (d *Deliveries) record(ctx context.Context, op string, objects ...bal.WriteObject) (func(*bal.WriteResult), error) {
	return d.t.Client().RecordWrite(ctx, &bal.Write{Operation: op, Objects: objects})
}

// uploadGeometries describes, for the Recorder, how an uploaded Byggnad's
// geometries were determined: their geometrimetadata and absolute
// positional uncertainty. Other media, and bodies that do not decode
// (the platform's validation reports those), describe none. The surveyor is
// not in the body, so it is not among them.
func uploadGeometries(media MediaType, body []byte) []bal.WriteGeometry {
	if media != MediaByggnadV1 {
		return nil
	}
	var b Building
	if json.Unmarshal(body, &b) != nil {
		return nil
	}
	var out []bal.WriteGeometry
	for _, g := range b.Geometries {
		if g.Metadata == nil && g.Shape.PlanUncertainty == nil && g.Shape.HeightUncertainty == nil {
			continue
		}
		out = append(out, bal.WriteGeometry{Metadata: g.Metadata, PlanAccuracy: g.Shape.PlanUncertainty, HeightAccuracy: g.Shape.HeightUncertainty})
	}
	return out
}
