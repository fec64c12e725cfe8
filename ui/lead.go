package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"leadq/domain"
	"leadq/ui/i18n"
	"leadq/ui/page"
	"leadq/ui/words"
)

// render lays the lead out for the current width into the viewport.
func (m *leadModel) render() {
	if m.lead == nil || m.width <= 0 {
		return
	}
	m.vp.SetContent(renderLead(m.lead, m.ctx.styles, m.ctx.tr, m.width, m.ctx.now()))
}

// renderLead is the whole lead page as text of the given width: the page
// leadq show prints, with styles, and long lines wrapped at words so
// nothing a rep wrote is cut off.
func renderLead(l *domain.Lead, s *Styles, tr *i18n.Catalog, width int, now time.Time) string {
	p := page.Build(tr, l, now)
	var b strings.Builder
	line := func(text string) {
		b.WriteString(ansi.Wrap(text, width, ""))
		b.WriteByte('\n')
	}

	// Header: who, and the badge a rep looks at first.
	badgeText := s.TierStyle(p.Tier, p.InQueue).Render(p.Badge)
	title := s.Title.Render(p.Name)
	if p.Title != "" {
		title += " · " + p.Title
	}
	gap := width - visibleWidth(title) - visibleWidth(badgeText)
	if gap >= 2 {
		line(title + strings.Repeat(" ", gap) + badgeText)
	} else {
		line(title)
		line(badgeText)
	}
	line(words.Join(" · ", p.Company, p.Address))
	// The facts of a group share a line: "Email … · Phone …".
	for _, g := range []page.Group{page.GroupCompany, page.GroupContact, page.GroupStatus, page.GroupMeta} {
		var parts []string
		for _, f := range p.Facts {
			if f.Group != g {
				continue
			}
			v := f.Value
			if f.Strong {
				v = s.Title.Render(v)
			}
			parts = append(parts, f.Label+" "+v)
		}
		if len(parts) == 0 {
			continue
		}
		text := strings.Join(parts, " · ")
		if g == page.GroupMeta {
			text = s.Muted.Render(text)
		}
		line(text)
	}

	for _, sec := range p.Sections {
		b.WriteByte('\n')
		line(s.Section.Render(strings.ToUpper(sec.Title)))
		labelW, partW := 10, 10
		for _, ln := range sec.Lines {
			switch ln.Kind {
			case page.LineField:
				labelW = max(labelW, visibleWidth(ln.Label))
			case page.LineRule:
				partW = max(partW, visibleWidth(ln.Label))
			}
		}
		for _, ln := range sec.Lines {
			switch ln.Kind {
			case page.LineText:
				line(s.Muted.Render("  " + ln.Value))
			case page.LineField, page.LineCustom:
				// A value of several lines stays indented under its label.
				first, rest, more := strings.Cut(safe(ln.Value), "\n")
				label := cell(ln.Label, labelW)
				if ln.Kind == page.LineCustom {
					label = safe(ln.Label) + ":"
				}
				line("  " + s.Muted.Render(label) + " " + first)
				if more {
					for _, t := range strings.Split(rest, "\n") {
						line("    " + t)
					}
				}
			case page.LineRule:
				line(fmt.Sprintf("  %s %s  %s", s.Muted.Render(cell(ln.Label, partW)), cellRight(ln.Points, 6), ln.Value))
			case page.LineNote:
				head := "  " + s.Muted.Render(ln.Stamp) + "  " + s.Title.Render(ln.Label)
				if ln.URL != "" {
					head += "  " + s.Accent.Render(ln.URL)
				}
				line(head)
				for _, t := range strings.Split(ln.Value, "\n") {
					line("    " + t)
				}
			case page.LineEvent:
				text := ln.Label
				switch {
				case ln.Value == "":
				case strings.HasPrefix(ln.Value, "("):
					text += " " + ln.Value // "Download (decision)"
				default:
					text += " — " + ln.Value
				}
				// A note of several lines stays indented under its event.
				indent := "\n" + strings.Repeat(" ", 4+visibleWidth(ln.Stamp))
				line("  " + s.Muted.Render(ln.Stamp) + "  " + strings.ReplaceAll(text, "\n", indent))
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
