package main

import (
	"github.com/spf13/cobra"
)

// newNGP is the group of the national geodata platform's commands.
func newNGP(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ngp",
		Short: "Publish buildings to the national geodata platform (NGP) and read its datasets",
		Long: `The ngp commands publish a municipality's buildings to Lantmäteriet's national
geodata platform (Geodatakatalog Uppdatering v1.1), follow a delivery
(mottagning) and read its validation reports, and search the platform's
datasets (Sökning, OGC API Features). See docs/ngp.md for what is exact and what
is modelled.`,
		Example: `  bal --env fake ngp publish
  bal ngp status 7d0c5d5e-…
  bal ngp report 7d0c5d5e-… 2f9a…
  bal ngp search --collection 2180 --crs 3006 --limit 10`,
		Args: args(0, 0),
	}
	cmd.AddCommand(newNGPPublish(a), newNGPStatus(a), newNGPReport(a), newNGPSearch(a))
	return cmd
}
