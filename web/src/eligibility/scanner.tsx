import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import jsQR from 'jsqr';

/**
 * Reads a QR code with the device's camera: the browser's own BarcodeDetector where it has one
 * (Chrome on Android), jsQR on the video's frames elsewhere. Answers the code's text once.
 */
export function Scanner({ onCode, onClose }: { onCode: (text: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const detector =
      'BarcodeDetector' in window
        ? new (window as unknown as { BarcodeDetector: new (o: object) => BarcodeReader }).BarcodeDetector({
            formats: ['qr_code'],
          })
        : null;

    const scan = async () => {
      const v = video.current;
      if (stopped || !v || v.readyState < 2) return;
      let text: string | null = null;
      if (detector) {
        text = (await detector.detect(v).catch(() => []))[0]?.rawValue ?? null;
      }
      if (!text) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
        ctx.drawImage(v, 0, 0);
        const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
        text = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
      }
      if (text && !stopped) {
        stopped = true;
        onCode(text);
      }
    };

    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' } })
      .then((s) => {
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
        timer = window.setInterval(() => void scan(), 250);
      })
      .catch(() => setError(t('desk.noCamera')));
    if (!navigator.mediaDevices) setError(t('desk.noCamera'));
    return () => {
      stopped = true;
      window.clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [onCode, t]);

  return (
    <div className="scanner" role="dialog" aria-label={t('desk.scan')}>
      {error ? <p className="error">{error}</p> : <video ref={video} muted playsInline aria-label={t('desk.camera')} />}
      <button type="button" onClick={onClose}>
        {t('desk.stopScan')}
      </button>
    </div>
  );
}

interface BarcodeReader {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
