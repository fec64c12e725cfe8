package ui

// The screens a test looks into, found in the root's stack.

func (m *Model) queueScreen() *queueModel { return m.screens.layers[0].(*queueModel) }

// leadScreen is the open lead screen, nil while none is open.
func (m *Model) leadScreen() *leadModel {
	for _, c := range m.screens.layers {
		if l, ok := c.(*leadModel); ok {
			return l
		}
	}
	return nil
}

// importScreen is the open import overlay, nil while none is open.
func (m *Model) importScreen() *importModel {
	for _, c := range m.screens.layers {
		if i, ok := c.(*importModel); ok {
			return i
		}
	}
	return nil
}
