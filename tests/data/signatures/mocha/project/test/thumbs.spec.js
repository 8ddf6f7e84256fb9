import { expect } from 'chai';
import { renderThumb } from '../src/thumbs.js';

describe('renderThumb', function () {
  this.timeout(5000);

  it('scales a landscape photo', async () => {
    const t = await renderThumb({ width: 4000, height: 3000, exif: { orientation: 1 } });
    expect([t.width, t.height]).to.deep.equal([256, 192]);
  });

  it('rotates a portrait phone photo', async () => {
    const t = await renderThumb({ width: 4032, height: 3024, exif: { orientation: 6 } });
    expect([t.width, t.height]).to.deep.equal([192, 256]);
  });

  it('scales a PNG screenshot', async () => {
    const t = await renderThumb({ width: 1920, height: 1080 });
    expect(t.width).to.equal(256);
  });

  it('keeps a small icon as it is', async () => {
    const t = await renderThumb({ width: 64, height: 64 }, { maxEdge: 128 });
    expect(t).to.include({ width: 64, height: 64 });
  });

  it('scales a scanned invoice', async () => {
    const t = await renderThumb({ width: 2480, height: 3508, format: 'tiff' }, { maxEdge: 512 });
    expect(t.height).to.equal(512);
  });
});
