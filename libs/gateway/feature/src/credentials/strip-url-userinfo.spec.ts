import { stripUrlUserinfo } from './strip-url-userinfo';

describe('stripUrlUserinfo', () => {
  it('removes a user name and password and keeps the rest of the URL', () => {
    expect(stripUrlUserinfo('https://user:secret@llm.example.com/v1?x=1')).toBe('https://llm.example.com/v1?x=1');
    expect(stripUrlUserinfo('https://token@llm.example.com:8443/v1')).toBe('https://llm.example.com:8443/v1');
    expect(stripUrlUserinfo('http://:secret@127.0.0.1:11434/v1')).toBe('http://127.0.0.1:11434/v1');
  });

  it('returns a URL without user information exactly as stored', () => {
    expect(stripUrlUserinfo('https://llm.example.com')).toBe('https://llm.example.com');
    expect(stripUrlUserinfo('http://localhost:8000/v1/')).toBe('http://localhost:8000/v1/');
  });

  it('still cuts user information from a value that does not parse as a URL', () => {
    expect(stripUrlUserinfo('https://user:se cret@[bad/v1')).toBe('https://[bad/v1');
  });
});
