package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// reportDoc is a validation report (validering-1.0).
type reportDoc struct {
	Name     string    `json:"name"`
	Time     time.Time `json:"time"`
	Tests    int       `json:"tests"`
	Failures int       `json:"failures"`
	Warnings int       `json:"warnings"`
	Errors   int       `json:"errors"`
	Skipped  int       `json:"skipped"`
	Cases    []caseDoc `json:"cases"`
}

// caseDoc is one rule's result.
type caseDoc struct {
	ID       string         `json:"id"`
	Label    string         `json:"label"`
	Status   ngp.CaseStatus `json:"status"`
	Messages []string       `json:"messages,omitempty"`
}

func (c caseDoc) message() string {
	if len(c.Messages) == 0 {
		return c.Label
	}
	return strings.Join(c.Messages, "; ")
}

func caseDocs(cs []ngp.TestCase) []caseDoc {
	out := make([]caseDoc, 0, len(cs))
	for _, c := range cs {
		out = append(out, caseDoc{c.ID, c.Label, c.Status, c.Messages})
	}
	return out
}

func sortInvalid(s []invalidObject) {
	slices.SortFunc(s, func(a, b invalidObject) int { return strings.Compare(a.ID.String(), b.ID.String()) })
}

func newNGPReport(a *app) *cobra.Command {
	var infoType string
	cmd := &cobra.Command{
		Use:   "report MOTTAGNINGSID OBJEKTIDENTITET",
		Short: "Show the validation report of one change of a mottagning",
		Long: `Report reads the validation report of one change: each rule tested, with its
status (OK, FAILURE, WARNING, ERROR, SKIPPED) and messages. A report that is not
ready yet (the platform answers 204) exits 9; try again later.`,
		Example: `  bal ngp report 7d0c5d5e-8f0e-4a53-9a7e-0c1d2e3f4a5b 2f9a6c1e-3b4d-4e5f-8a9b-0c1d2e3f4a5b
  bal ngp report MOTTAGNINGSID OBJEKTID -o json | jq '.cases[] | select(.status!="OK")'`,
		Args: args(2, 2),
		RunE: func(cmd *cobra.Command, as []string) error {
			id, err := bal.ParseObjectID(as[1])
			if err != nil {
				return usageError("%q is not an objektidentitet: %v", as[1], err)
			}
			_, c, err := a.connect(false)
			if err != nil {
				return err
			}
			rep, err := ngp.New(c).WithDataset(infoType).Deliveries.ChangeReport(cmd.Context(), as[0], id)
			if errors.Is(err, ngp.ErrReportNotReady) {
				return withCode(exitNotReady, fmt.Errorf("the report of %s in mottagning %s is not ready yet; try again later", id, as[0]))
			}
			if err != nil {
				return fmt.Errorf("report of %s in mottagning %s: %w", id, as[0], err)
			}
			doc := reportDoc{Name: rep.Name, Time: rep.Time, Tests: rep.Tests, Failures: rep.Failures, Warnings: rep.Warnings,
				Errors: rep.Errors, Skipped: rep.Skipped, Cases: caseDocs(rep.Cases)}
			return a.document(doc, func(w io.Writer) error {
				pairs(w, "report", doc.Name, "time", doc.Time.Format(time.RFC3339),
					"tests", fmt.Sprintf("%d: %d failures, %d warnings, %d errors, %d skipped", doc.Tests, doc.Failures, doc.Warnings, doc.Errors, doc.Skipped))
				fmt.Fprintf(w, "\nRULE\tSTATUS\tMESSAGE\n")
				for _, c := range doc.Cases {
					fmt.Fprintf(w, "%s\t%s\t%s\n", c.ID, c.Status, c.message())
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&infoType, "informationstyp", "byggnad", "the mottagning's informationstyp, whose producer credential reads it")
	return cmd
}
