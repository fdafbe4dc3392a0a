import { CircuitBreaker, CircuitOpenError } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now = 0;
  const breaker = () => new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1_000, now: () => now });
  const fail = () => Promise.reject(new Error('502'));
  const always = () => true;

  beforeEach(() => {
    now = 0;
  });

  it('opens after consecutive failures, fails fast while open, and closes after a good trial', async () => {
    const circuit = breaker();
    await expect(circuit.run(fail, always)).rejects.toThrow('502');
    await expect(circuit.run(fail, always)).rejects.toThrow('502');
    expect(circuit.state).toBe('open');
    const call = jest.fn(() => Promise.resolve('ok'));
    await expect(circuit.run(call, always)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(call).not.toHaveBeenCalled();
    now = 1_000;
    expect(circuit.state).toBe('half-open');
    await expect(circuit.run(call, always)).resolves.toBe('ok');
    expect(circuit.state).toBe('closed');
  });

  it('re-opens when the trial call fails, and ignores errors that are not failures', async () => {
    const circuit = breaker();
    await expect(
      circuit.run(
        () => Promise.reject(new Error('404')),
        () => false,
      ),
    ).rejects.toThrow('404');
    await expect(
      circuit.run(
        () => Promise.reject(new Error('404')),
        () => false,
      ),
    ).rejects.toThrow('404');
    expect(circuit.state).toBe('closed');
    await expect(circuit.run(fail, always)).rejects.toThrow();
    await expect(circuit.run(fail, always)).rejects.toThrow();
    now = 1_500;
    await expect(circuit.run(fail, always)).rejects.toThrow('502');
    expect(circuit.state).toBe('open');
  });
});
