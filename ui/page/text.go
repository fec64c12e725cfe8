package page

import (
	"bufio"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"leadq/domain"
	"leadq/ui/i18n"
)

// WriteText prints the page as plain text for leadq show: a heading, the
// facts and each section's lines under aligned labels. Every text is made
// safe for the terminal: lead text comes from imports and other people.
func WriteText(w io.Writer, c *i18n.Catalog, p *Page) error {
	bw := bufio.NewWriter(w)
	width := 10
	for _, f := range p.Facts {
		width = max(width, ansi.StringWidth(f.Label))
	}
	for _, s := range p.Sections {
		for _, ln := range s.Lines {
			if ln.Kind == LineField || ln.Kind == LineRule {
				width = max(width, ansi.StringWidth(ln.Label))
			}
		}
	}
	pad := func(s string, n int) string {
		if gap := n - ansi.StringWidth(s); gap > 0 {
			return s + strings.Repeat(" ", gap)
		}
		return s
	}
	// A value of several lines keeps its later lines under its first.
	indent := strings.Repeat(" ", width+3)
	multi := func(s string) string { return strings.ReplaceAll(domain.Safe(s), "\n", "\n"+indent) }
	field := func(label, value string) {
		bw.WriteString("  " + pad(domain.SafeLine(label), width) + " " + multi(value) + "\n")
	}

	head := c.F("lead.head", p.ID, p.Name)
	if p.Title != "" {
		head += " · " + p.Title
	}
	bw.WriteString(domain.SafeLine(head) + "  " + p.Badge + "\n")
	if p.Company != "" {
		bw.WriteString(domain.SafeLine(p.Company) + "\n")
	}
	if p.Address != "" {
		field(c.T("lead.address"), p.Address)
	}
	for _, f := range p.Facts {
		field(f.Label, f.Value)
	}
	for _, s := range p.Sections {
		bw.WriteString("\n" + s.Title + "\n")
		for _, ln := range s.Lines {
			switch ln.Kind {
			case LineText:
				bw.WriteString("  " + ln.Value + "\n")
			case LineField:
				field(ln.Label, ln.Value)
			case LineCustom:
				bw.WriteString("  " + domain.SafeLine(ln.Label) + ": " + multi(ln.Value) + "\n")
			case LineRule:
				pts := ln.Points
				if gap := 7 - len(pts); gap > 0 {
					pts = strings.Repeat(" ", gap) + pts
				}
				bw.WriteString("  " + pad(ln.Label, width) + " " + pts + "  " + domain.SafeLine(ln.Value) + "\n")
			case LineNote:
				text := strings.TrimSpace(strings.Join([]string{ln.Value, ln.URL}, "  "))
				bw.WriteString("  " + ln.Stamp + "  " + ln.Label + "\n")
				for _, t := range strings.Split(domain.Safe(text), "\n") {
					bw.WriteString("    " + t + "\n")
				}
			case LineEvent:
				bw.WriteString("  " + ln.Stamp + "  " + ln.Label)
				if ln.Value != "" {
					sep := " — "
					if strings.HasPrefix(ln.Value, "(") {
						sep = " "
					}
					more := strings.Repeat(" ", 4+ansi.StringWidth(ln.Stamp))
					bw.WriteString(sep + strings.ReplaceAll(domain.Safe(ln.Value), "\n", "\n"+more))
				}
				bw.WriteString("\n")
			}
		}
	}
	return bw.Flush()
}
