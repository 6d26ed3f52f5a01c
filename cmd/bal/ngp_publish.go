package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// publishDoc is what publish prints.
type publishDoc struct {
	ReceptionID string          `json:"receptionId"`
	Status      ngp.StatusType  `json:"status"`
	Objects     int             `json:"objects"`
	Invalid     []invalidObject `json:"invalid"`
}

// invalidObject is a change left in valideringsfel, with what its report
// found.
type invalidObject struct {
	ID       bal.ObjectID `json:"id"`
	Problems []caseDoc    `json:"problems"`
}

func newNGPPublish(a *app) *cobra.Command {
	var (
		kommun, input, state, infoType, provider, media string
		concurrency                                     int
	)
	cmd := &cobra.Command{
		Use:   "publish",
		Short: "Publish the municipality's buildings (or domain objects from a file) in one mottagning",
		Long: `Publish runs the whole Uppdatering v1.1 flow: it registers a mottagning, registers
a change per object, uploads each object, and watches the mottagning until it is
publicerad. By default it reads the municipality's buildings from BAL and maps
them to the national specification's physical buildings (docs/ngp.md); with
--input it publishes the domain objects in a file instead, one JSON object per
line, as they are.

With --state the publication's progress is saved to a file, so that a run that
was interrupted continues the same mottagning without registering or uploading
anything twice.

Objects left in valideringsfel are listed with their reports' findings and
exit 5. Against a fake, waiting for its statuses advances its clock instead of
sleeping. This command writes: it refuses Produktion unless --allow-production.

Producer keys are issued per dataset: it publishes with the dataset's credential
(BAL_NGP_BYGGNAD_CLIENT_ID and its secret for byggnad, or "ngp/byggnad" under
"services" in the configuration file), else ngp's, else the default ('bal help
environment').`,
		Example: `  bal --env fake ngp publish
  bal ngp publish --kommun 2180 --state publish-2180.json
  bal ngp publish --input byggnader.jsonl --provider 2180 -o json`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if concurrency < 0 {
				return usageError("--concurrency must not be negative")
			}
			ctx := cmd.Context()
			var fromFile []ngp.Object
			if input != "" {
				objs, err := readObjects(input, ngp.MediaType(media))
				if err != nil {
					return err
				}
				fromFile = objs
			}
			t, c, err := a.connect(true)
			if err != nil {
				return err
			}
			k, err := a.kommun(kommun, t)
			if err != nil {
				return err
			}
			if provider == "" {
				provider = string(k)
			}
			if provider == "" {
				return usageError("no provider: give --provider or --kommun (or set BAL_KOMMUNKOD)")
			}
			bar := a.progress("reading buildings")
			defer bar.Done()
			objects := fromFile
			if input == "" {
				if objects, err = buildingObjects(ctx, c, k, bar); err != nil {
					return err
				}
			}
			opts := &ngp.PublishOptions{
				Concurrency: concurrency,
				Progress: func(p ngp.Progress) {
					bar.Describe(fmt.Sprintf("mottagning %s", p.Status))
					bar.Set(p.Uploaded, len(objects))
				},
			}
			if state != "" {
				opts.Store = ngp.NewFileStore(state)
			}
			if t.control != nil {
				// The fake's statuses follow its clock: move it on rather
				// than wait.
				opts.Wait = func(ctx context.Context, d time.Duration) error {
					_, err := t.control.AdvanceClock(ctx, d)
					return err
				}
			}
			seq := func(yield func(ngp.Object, error) bool) {
				for _, o := range objects {
					if !yield(o, nil) {
						return
					}
				}
			}
			res, err := ngp.New(c).WithDataset(infoType).Deliveries.Publish(ctx, ngp.DeliveryInfo{InformationType: infoType, Provider: provider}, seq, opts)
			bar.Done()
			if err != nil && !(errors.Is(err, ngp.ErrNotPublished) && res != nil && len(res.Invalid) > 0) {
				return fmt.Errorf("publish: %w", err)
			}
			doc := publishDoc{ReceptionID: res.ReceptionID, Status: res.Status, Objects: res.Objects, Invalid: []invalidObject{}}
			for id, rep := range res.Invalid {
				doc.Invalid = append(doc.Invalid, invalidObject{ID: id, Problems: caseDocs(rep.Problems())})
			}
			sortInvalid(doc.Invalid)
			if err := a.document(doc, func(w io.Writer) error {
				pairs(w, "mottagning", doc.ReceptionID, "status", string(doc.Status), "objects", fmt.Sprint(doc.Objects))
				for _, inv := range doc.Invalid {
					for _, p := range inv.Problems {
						fmt.Fprintf(w, "%s:\t%s %s: %s\n", inv.ID, p.Status, p.ID, p.message())
					}
				}
				return nil
			}); err != nil {
				return err
			}
			if n := len(doc.Invalid); n > 0 {
				return withCode(exitConflict, fmt.Errorf("%d of %d objects failed validation in mottagning %s; see 'bal ngp report %s ID'",
					n, doc.Objects, doc.ReceptionID, doc.ReceptionID))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&kommun, "kommun", "", "the municipality whose buildings to publish (default $BAL_KOMMUNKOD)")
	f.StringVar(&input, "input", "", "publish the domain objects in this file (JSON Lines) instead of BAL's buildings")
	f.StringVar(&media, "media", string(ngp.MediaByggnadV1), "media type of the objects in --input")
	f.StringVar(&state, "state", "", "save the publication's progress here and continue from it")
	f.StringVar(&infoType, "informationstyp", "byggnad", "the dataset's informationstyp")
	f.StringVar(&provider, "provider", "", "the producer (default: the kommunkod)")
	f.IntVar(&concurrency, "concurrency", 0, "uploads in flight (default 4)")
	a.addWriteFlags(cmd)
	return cmd
}

// buildingObjects reads the municipality's buildings from BAL and maps them
// to physical buildings.
func buildingObjects(ctx context.Context, c *bal.Client, k bal.MunicipalityCode, bar progress) ([]ngp.Object, error) {
	if k == "" {
		return nil, usageError("no municipality: give --kommun (or set BAL_KOMMUNKOD)")
	}
	bc := building.New(c)
	var register []*building.Building
	for hit, err := range bc.Buildings.Search(ctx, bal.Query{Municipality: k}, nil) {
		if err != nil {
			return nil, fmt.Errorf("read buildings: %w", err)
		}
		b, err := bc.Buildings.Get(ctx, hit.Object.ID, nil)
		if err != nil {
			return nil, fmt.Errorf("read building %s: %w", hit.Object.ID, err)
		}
		if b.Status != bal.StatusRetired {
			register = append(register, b)
		}
		bar.Set(len(register), 0)
	}
	physical, err := ngp.FromRegister(register, &ngp.MappingOptions{Municipality: k})
	if err != nil {
		return nil, fmt.Errorf("map buildings: %w", err)
	}
	out := make([]ngp.Object, 0, len(physical))
	for _, b := range physical {
		o, err := b.Object()
		if err != nil {
			return nil, fmt.Errorf("building %s: %w", b.ID, err)
		}
		out = append(out, o)
	}
	return out, nil
}

// readObjects reads domain objects, one JSON object per line, each with
// its objektidentitet.
func readObjects(path string, media ngp.MediaType) ([]ngp.Object, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usageError("--input: %v", err)
	}
	defer f.Close()
	var out []ngp.Object
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(trimSpace(line)) == 0 {
			continue
		}
		var head struct {
			ID string `json:"objektidentitet"`
		}
		if err := json.Unmarshal(line, &head); err != nil {
			return nil, withCode(exitConflict, fmt.Errorf("%s:%d: not a JSON object: %v", path, n, err))
		}
		id, err := bal.ParseObjectID(head.ID)
		if err != nil {
			return nil, withCode(exitConflict, fmt.Errorf("%s:%d: objektidentitet %q: %v", path, n, head.ID, err))
		}
		out = append(out, ngp.Object{ID: id, Media: media, Body: append([]byte(nil), line...)})
	}
	if err := sc.Err(); err != nil {
		return nil, usageError("--input: %v", err)
	}
	if len(out) == 0 {
		return nil, usageError("--input %s holds no objects", path)
	}
	return out, nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	return b
}
