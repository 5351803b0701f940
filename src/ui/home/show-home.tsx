/**
 * Mounts the home screen (Ink, loaded only at a terminal) and resolves with the operator's choice,
 * after Ink has left the terminal as it found it, so the chosen command starts on a clean screen.
 */
import { render } from 'ink';
import { HomeScreen, type HomeChoice, type HomeScreenProps } from './home-screen.js';

export async function showHome(props: Omit<HomeScreenProps, 'onChoose' | 'onQuit' | 'width'>): Promise<HomeChoice | undefined> {
  let choice: HomeChoice | undefined;
  const instance = render(
    <HomeScreen
      {...props}
      width={process.stdout.columns || 100}
      onChoose={(chosen) => {
        choice = chosen;
        // The command runs on a clean screen: the home frame goes.
        instance.clear();
        instance.unmount();
      }}
      onQuit={() => instance.unmount()}
    />,
    { exitOnCtrlC: true },
  );
  await instance.waitUntilExit();
  instance.cleanup();
  return choice;
}
