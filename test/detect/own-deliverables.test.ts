/**
 * Verification and signing of the repository's own deliverables only (collect/own-deliverables.ts):
 * which image references are foreign, which signed files are scratch files of a test.
 */
import { describe, expect, it } from 'vitest';
import { isForeignImage, isScratchFile } from '../../src/detect/collect/own-deliverables.js';

const own = [{ repo: 'ghcr.io/acme/gateway', prefix: false }];
const ko = [{ repo: 'ghcr.io/acme', prefix: true }];

describe('foreign images', () => {
  it.each([
    // [image verified, images the repository pushes or signs, foreign]
    ['cgr.dev/chainguard/static:latest', own, true],
    ['gcr.io/distroless/static-debian12:nonroot', own, true],
    ['ghcr.io/acme/gateway@${{ steps.build.outputs.digest }}', own, false],
    ['ghcr.io/acme/gateway:v1.2.3', own, false],
    ['ghcr.io/acme/worker:v1', own, true],
    ['ghcr.io/acme/gateway/cmd/gateway@sha256:abc', ko, false],
    // a variable hides the image: the kind decides (a deploy repository verifying $image counts)
    ['"${image}"', own, false],
    // nothing of the repository is named plainly: only base-image publishers are foreign
    ['cgr.dev/chainguard/static', [], true],
    ['alpine:3.20', [], true],
    ['ghcr.io/acme/checkout@sha256:abc', [], false],
  ] as const)('%s', (image, images, foreign) => {
    expect(isForeignImage(image, images)).toBe(foreign);
  });
});

describe('scratch files', () => {
  it.each([
    ['README.md', [], true],
    ['./LICENSE', [], true],
    ['test/assets/a.txt', [], true],
    ['test-blob.txt', [], true],
    ['payload.bin', [], true],
    ['data.bin', ['head -c 4096 /dev/urandom > data.bin'], true],
    ['message.txt', ['echo "hello" > message.txt'], true],
    ['artifact', ['touch artifact'], true],
    // release files are deliverables, even when the job writes a checksum file
    ['dist/gateway-linux-amd64.tar.gz', [], false],
    ['checksums.txt', ['sha256sum dist/*.tar.gz > checksums.txt'], false],
    ['${{ matrix.file }}', [], false],
  ] as const)('%s', (subject, lines, scratch) => {
    expect(isScratchFile(subject, lines)).toBe(scratch);
  });
});
