"""eSpeak NG through ctypes: a WAV file any reader takes, at the voice and pace each request
asks for although the driver sets them only when they change; the store's atomic write."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import pytest

from polish_tutor.tts.audio_store import AudioStore
from polish_tutor.tts.drivers import SpeechRequest
from polish_tutor.tts.drivers.espeak import EspeakDriver
from polish_tutor.tts.keys import audio_key


def frames(data: bytes) -> tuple[int, int]:
    """(frames, sample rate) of a mono 16-bit WAV, as the standard library reads it."""
    with wave.open(io.BytesIO(data), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getcomptype()) == (1, 2, "NONE")
        count = wav.getnframes()
        assert len(wav.readframes(count)) == count * 2  # the header's size is the data's
        return count, wav.getframerate()


@pytest.fixture(scope="module")
def driver() -> EspeakDriver:
    return EspeakDriver()


def test_the_audio_is_a_wav_file_whose_header_matches_its_samples(driver: EspeakDriver) -> None:
    audio = driver.synthesize(
        SpeechRequest(text="Poproszę kawę z mlekiem.", voice="pl", speed=1.0, format="wav")
    )
    count, rate = frames(audio.data)
    assert audio.content_type == "audio/wav"
    assert len(audio.data) == 44 + count * 2
    assert rate > 8000 and count > rate // 2  # more than half a second of speech
    assert audio.duration_ms == round(count / rate * 1000)


def test_each_request_gets_its_own_voice_and_pace_whatever_came_before(
    driver: EspeakDriver,
) -> None:
    def length(voice: str, speed: float) -> int:
        text = "Dzień dobry, jadę do pracy tramwajem."
        request = SpeechRequest(text=text, voice=voice, speed=speed, format="wav")
        return frames(driver.synthesize(request).data)[0]

    normal = length("pl", 1.0)
    slow = length("pl", 0.5)
    other_slow = length("pl+m3", 0.5)  # a new voice keeps the pace asked for
    other_normal = length("pl+m3", 1.0)
    assert slow > 1.5 * normal
    assert other_slow > 1.5 * other_normal
    # Back to the first voice and pace: the same audio, give or take the few samples eSpeak
    # carries over from a variant voice (as when the voice was set before every request).
    assert length("pl", 1.0) == pytest.approx(normal, rel=0.01)
    assert length("pl", 0.5) == pytest.approx(slow, rel=0.01)


def test_the_store_writes_whole_files_and_leaves_no_temporary_one(tmp_path: Path) -> None:
    store = AudioStore(tmp_path / "audio")
    key = audio_key(text="kawa", voice="pl", speed=1.0, format="wav", driver="espeak")
    path = store.write(key, "wav", b"first")
    assert path == store.path_for(key, "wav") and path.read_bytes() == b"first"
    assert store.write(key, "wav", b"second" * 100_000).read_bytes() == b"second" * 100_000
    assert store.exists(key, "wav")
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert path.stat().st_mode & 0o777 == 0o600  # as the temporary file it was (mkstemp's)


def test_a_driver_still_speaks_after_another_one_closed() -> None:
    """eSpeak's state is the process's: closing one driver must not terminate it under
    another (``espeak_Terminate`` freed the phoneme tables the other one still read: no
    audio at best, a crash inside eSpeak at worst)."""
    request = SpeechRequest(text="Dzień dobry.", voice="pl", speed=1.0, format="wav")
    first, second = EspeakDriver(), EspeakDriver()
    try:
        expected = frames(second.synthesize(request).data)[0]
        first.close()
        first.close()  # a second close changes nothing
        other = SpeechRequest(text="Dzień dobry.", voice="pl+m3", speed=1.0, format="wav")
        assert frames(second.synthesize(other).data)[0] > 0
        # (give or take the few samples eSpeak carries over from a variant voice)
        assert frames(second.synthesize(request).data)[0] == pytest.approx(expected, rel=0.01)
        with pytest.raises(RuntimeError):
            first.synthesize(request)
    finally:
        second.close()
    # The last one closed, eSpeak is initialised again for the next.
    third = EspeakDriver()
    try:
        assert frames(third.synthesize(request).data)[0] == pytest.approx(expected, rel=0.01)
    finally:
        third.close()


def test_speech_longer_than_the_buffer_held_ready_comes_whole(driver: EspeakDriver) -> None:
    """More samples than the ~23 s the driver's buffer holds at first: it grows, and the WAV
    file's header still matches its samples."""
    text = "Poproszę kawę z mlekiem, a potem herbatę z cytryną. " * 6
    short = driver.synthesize(
        SpeechRequest(text="Poproszę kawę z mlekiem.", voice="pl", speed=0.5, format="wav")
    )
    audio = driver.synthesize(SpeechRequest(text=text, voice="pl", speed=0.5, format="wav"))
    count, rate = frames(audio.data)
    assert count * 2 > 1 << 20 and audio.duration_ms == round(count / rate * 1000)
    # The buffer grown, a short line after it is as before (give or take the few samples
    # eSpeak carries over from one synthesis to the next).
    again = driver.synthesize(
        SpeechRequest(text="Poproszę kawę z mlekiem.", voice="pl", speed=0.5, format="wav")
    )
    assert frames(again.data)[0] == pytest.approx(frames(short.data)[0], rel=0.01)
