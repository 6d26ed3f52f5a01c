package ngp

import (
	"context"
	"fmt"
	"net/http"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/ngp1"
)

// Resources is Geodatakatalog Uppladdning v1.2: resources (documents that
// domain objects refer to, "tilläggsinformation"). Create a resource, then
// upload a file to it or register an eftersändning; read it; delete it with
// all its revisions. Only the creator administers a resource, and files no
// domain object refers to may be purged.
//
// Creating, reading and deleting follow the documented operations. The
// upload and eftersändning operations and the resource's fields beyond its
// referensidentitet are modelled (the rest of the description was not in
// reach): see package internal/wire/ngp1.
type Resources struct {
	t *transport.Transport
}

// Resource is a resurs.
type Resource struct {
	// ID is the referensidentitet.
	ID string
	// InformationType is informationstyp.
	InformationType string
	// Href is the eftersändning's address, if one is registered.
	Href string
	// Revisions are the uploaded files, oldest first (modelled).
	Revisions []Revision
}

// Revision is one uploaded file of a resource (modelled).
type Revision struct {
	// Number counts the revisions from 1.
	Number int
	// Media is the file's media type.
	Media string
	// Size is the file's length in bytes.
	Size int64
}

// Create creates a resource (POST /resurs). It is not resent on a broken
// connection.
func (r *Resources) Create(ctx context.Context, informationType string) (*Resource, error) {
	const op = "ngp.Resources.Create"
	if informationType == "" {
		v := check.New(op)
		v.Add("informationType", bal.RuleRequired, "informationstyp is required, e.g. \"detaljplan\"")
		return nil, v.Err()
	}
	var w ngp1.Resurs
	res, err := r.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodPost, Base: UploadBase, Path: "/resurs",
		Body: ngp1.SkapaResurs{Informationstyp: informationType}, BodyFormat: bal.FormatJSON, Accept: bal.FormatJSON, Out: &w})
	if err != nil {
		return nil, err
	}
	return resourceOf(op, res, &w)
}

// Get reads a resource (GET /resurs/{referensidentitet}).
func (r *Resources) Get(ctx context.Context, id string) (*Resource, error) {
	const op = "ngp.Resources.Get"
	var w ngp1.Resurs
	res, err := r.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodGet, Base: UploadBase,
		Path: transport.Path("resurs", id), Accept: bal.FormatJSON, Out: &w})
	if err != nil {
		return nil, err
	}
	return resourceOf(op, res, &w)
}

// Upload uploads a file to a resource as a new revision (modelled: POST
// /resurs/{referensidentitet}/fil, the file as the body).
func (r *Resources) Upload(ctx context.Context, id, media string, body []byte) (*Resource, error) {
	const op = "ngp.Resources.Upload"
	req, err := r.t.NewRequest(ctx, &transport.Op{Name: op, Method: http.MethodPost, Base: UploadBase,
		Path: transport.Path("resurs", id, ngp1.FilePath), Body: body, Accept: bal.FormatJSON})
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", media)
	var w ngp1.Resurs
	res, err := r.t.Client().Do(req, &w)
	if err != nil {
		return nil, err
	}
	return resourceOf(op, res, &w)
}

// Redirect registers an eftersändning: the producer serves the file at href
// (https only) (modelled: POST /resurs/{referensidentitet}/eftersandning).
func (r *Resources) Redirect(ctx context.Context, id, href string) (*Resource, error) {
	const op = "ngp.Resources.Redirect"
	if len(href) < 9 || href[:8] != "https://" {
		v := check.New(op)
		v.Add("href", bal.RuleFormat, "href must be an https address")
		return nil, v.Err()
	}
	var w ngp1.Resurs
	res, err := r.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodPost, Base: UploadBase,
		Path: transport.Path("resurs", id, ngp1.HrefPath), Body: ngp1.Redirect{Href: href}, BodyFormat: bal.FormatJSON,
		Accept: bal.FormatJSON, Out: &w})
	if err != nil {
		return nil, err
	}
	return resourceOf(op, res, &w)
}

// Delete removes a resource and all its revisions (DELETE
// /resurs/{referensidentitet}).
func (r *Resources) Delete(ctx context.Context, id string) error {
	_, err := r.t.Do(ctx, &transport.Op{Name: "ngp.Resources.Delete", Method: http.MethodDelete, Base: UploadBase,
		Path: transport.Path("resurs", id), Accept: bal.FormatJSON})
	return err
}

func resourceOf(op string, res *bal.Response, w *ngp1.Resurs) (*Resource, error) {
	if w.Referensidentitet == "" {
		return nil, transport.Invalid(op, res, fmt.Errorf("resurs without referensidentitet"))
	}
	out := &Resource{ID: w.Referensidentitet, InformationType: w.Informationstyp, Href: w.Href}
	for _, rv := range w.Revisioner {
		out.Revisions = append(out.Revisions, Revision{Number: rv.Revision, Media: rv.Mediatyp, Size: rv.Storlek})
	}
	return out, nil
}
