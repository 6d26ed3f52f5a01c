package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// statusDoc is a mottagning with its changes.
type statusDoc struct {
	ID              string         `json:"id"`
	InformationType string         `json:"informationType"`
	Provider        string         `json:"provider"`
	Status          ngp.StatusType `json:"status"`
	StatusTime      time.Time      `json:"statusTime"`
	Message         string         `json:"message,omitempty"`
	Changes         []changeDoc    `json:"changes"`
}

type changeDoc struct {
	ObjectID   bal.ObjectID   `json:"objectId"`
	Type       ngp.ChangeType `json:"type"`
	Href       string         `json:"href,omitempty"`
	Status     ngp.StatusType `json:"status"`
	StatusTime time.Time      `json:"statusTime"`
	Message    string         `json:"message,omitempty"`
}

func newNGPStatus(a *app) *cobra.Command {
	var infoType string
	cmd := &cobra.Command{
		Use:   "status MOTTAGNINGSID",
		Short: "Show a mottagning's aggregate status and each change's",
		Long: `Status reads a mottagning (a delivery) and its changes with their statuses:
registrerad, mottagen, validerad, publicerad, or valideringsfel and fel. Read a
failed change's findings with 'bal ngp report'.`,
		Example: `  bal ngp status 7d0c5d5e-8f0e-4a53-9a7e-0c1d2e3f4a5b
  bal ngp status 7d0c5d5e-8f0e-4a53-9a7e-0c1d2e3f4a5b -o json | jq '.changes[] | select(.status=="valideringsfel")'`,
		Args: args(1, 1),
		RunE: func(cmd *cobra.Command, as []string) error {
			_, c, err := a.connect(false)
			if err != nil {
				return err
			}
			d := ngp.New(c).WithDataset(infoType).Deliveries
			rec, err := d.Get(cmd.Context(), as[0])
			if err != nil {
				return fmt.Errorf("mottagning %s: %w", as[0], err)
			}
			changes, err := d.Changes(cmd.Context(), as[0])
			if err != nil {
				return fmt.Errorf("mottagning %s: %w", as[0], err)
			}
			doc := statusDoc{ID: rec.ID, InformationType: rec.Info.InformationType, Provider: rec.Info.Provider,
				Status: rec.Status.Type, StatusTime: rec.Status.Time, Message: rec.Status.Message, Changes: []changeDoc{}}
			for _, ch := range changes {
				doc.Changes = append(doc.Changes, changeDoc{ch.ObjectID, ch.Type, ch.Href, ch.Status.Type, ch.Status.Time, ch.Status.Message})
			}
			return a.document(doc, func(w io.Writer) error {
				pairs(w, "mottagning", doc.ID, "informationstyp", doc.InformationType, "provider", doc.Provider,
					"status", fmt.Sprintf("%s since %s", doc.Status, doc.StatusTime.Format(time.RFC3339)), "message", doc.Message)
				fmt.Fprintf(w, "\nOBJECT\tTYPE\tSTATUS\tSINCE\n")
				for _, ch := range doc.Changes {
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", ch.ObjectID, ch.Type, ch.Status, ch.StatusTime.Format(time.RFC3339))
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&infoType, "informationstyp", "byggnad", "the mottagning's informationstyp, whose producer credential reads it")
	return cmd
}
