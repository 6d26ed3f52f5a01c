package baltest

import "encoding/pem"

// CertificatePEM returns the server's certificate in PEM, nil without
// WithTLS. Clients in other processes trust the server with it (balsim
// writes it to the file it prints as BAL_FAKE_CA_FILE).
func (s *Server) CertificatePEM() []byte {
	c := s.ts.Certificate()
	if c == nil || !s.opts.tls {
		return nil
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
}
